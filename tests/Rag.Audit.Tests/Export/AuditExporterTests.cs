using System.Security.Cryptography;
using System.Text.Json;
using CsvHelper;
using Rag.Core.Audit;
using Rag.Audit.Export;
using Microsoft.Extensions.Time.Testing;

namespace Rag.Audit.Tests.Export;

public sealed class AuditExporterTests
{
    [Theory]
    [InlineData(AuditExportFormat.Csv)]
    [InlineData(AuditExportFormat.Json)]
    public async Task ExportAsync_AwkwardRecords_ReadBackFieldForFieldAndVerify(AuditExportFormat format)
    {
        await using var scenario = new ExportScenario();
        var records = await scenario.SeedAsync();

        var result = await scenario.ExportAllAsync("export", format);

        var read = new List<AuditExportRow>();
        await foreach (var row in AuditExportFileReader.ReadAsync(result.OutputPath, format, CancellationToken.None))
        {
            read.Add(row);
        }

        Assert.Equal(records.Count, read.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var expected = records[i];
            var actual = Assert.IsType<AuditRecord>(read[i].Record);
            Assert.Equal(expected.Sequence, actual.Sequence);
            Assert.Equal(expected.Time, actual.Time);
            Assert.Equal(expected.Event.Detail, actual.Event.Detail);
            Assert.Equal(expected.Event.Actor.DisplayName, actual.Event.Actor.DisplayName);
            Assert.Equal(expected.Event.Actor.Groups, actual.Event.Actor.Groups);
            Assert.Equal(expected.Event.Actor.Roles, actual.Event.Actor.Roles);
            Assert.Equal(expected.Event.Targets, actual.Event.Targets);
            Assert.Equal(expected.Event.CorrelationId, actual.Event.CorrelationId);
            Assert.Equal(expected.Event.ModelId, actual.Event.ModelId);
            Assert.Equal(expected.Event.ModelVersion, actual.Event.ModelVersion);
            Assert.Equal(expected.Hash, actual.Hash);
            Assert.Equal(expected.PreviousHash, actual.PreviousHash);
            Assert.Equal(expected.Hash, AuditChain.ComputeHash(actual)); // every field, nulls and empty texts included
        }

        using var key = scenario.PublicKey();
        var verification = await AuditExportVerifier.VerifyAsync(result.OutputPath, null, key);
        Assert.True(verification.Intact, string.Join("; ", verification.Problems.Select(p => p.Message)));
        Assert.Equal(records.Count, verification.Rows);
    }

    [Fact]
    public async Task ExportAsync_Csv_NoCellStartsLikeAFormula()
    {
        await using var scenario = new ExportScenario();
        await scenario.SeedAsync();

        var result = await scenario.ExportAllAsync("export.csv", AuditExportFormat.Csv);

        var cells = new List<string>();
        await using (var csv = CsvReader.FromFile(result.OutputPath, CsvReaderOptions.Default with { Separator = ',' }))
        {
            while (await csv.ReadAsync())
            {
                cells.AddRange(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i) ?? string.Empty));
            }
        }

        Assert.DoesNotContain(cells, c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t' or '\r');
        Assert.Contains(cells, c => c.StartsWith("'=HYPERLINK(", StringComparison.Ordinal));
        Assert.Contains(cells, c => c.StartsWith("''already quoted", StringComparison.Ordinal)); // a leading quote is doubled, so reading removes exactly one
        Assert.Contains("'=model", cells);
    }

    [Theory]
    [InlineData(null, "alice", null)]
    [InlineData(null, null, AuditActions.AnswerGiven)]
    [InlineData(3, "bob", null)]
    [InlineData(5, "alice", AuditActions.QuestionAsked)]
    public async Task ExportAsync_Filters_WritesOnlyMatchingRecordsOldestFirst(int? fromMinute, string? user, string? action)
    {
        await using var scenario = new ExportScenario();
        var records = await scenario.SeedAsync();
        var from = ExportScenario.Start.AddMinutes(fromMinute ?? 0);
        var to = ExportScenario.Start.AddMinutes(10);

        var result = await scenario.Exporter.ExportAsync(
            new AuditExportRequest { OutputPath = scenario.Out("filtered.jsonl"), Format = AuditExportFormat.Json, From = from, To = to, UserId = user, Action = action },
            ExportScenario.Compliance);

        var expected = records
            .Where(r => r.Time >= from && r.Time < to && (user is null || r.Event.Actor.Id == user) && (action is null || r.Event.Action == action))
            .Select(r => r.Sequence)
            .ToList();
        Assert.NotEmpty(expected);
        var lines = await File.ReadAllLinesAsync(result.OutputPath);
        Assert.Equal(expected, lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("sequence").GetInt64()));
        Assert.Equal(expected.Count, result.Manifest.Count);
        Assert.Equal(new AuditExportFilters(AuditChain.FormatTime(from), AuditChain.FormatTime(to), user, action), result.Manifest.Filters);
    }

    [Fact]
    public async Task ExportAsync_ClockSetBack_StillFindsEarlierSequencesInRange()
    {
        await using var scenario = new ExportScenario();
        var start = ExportScenario.Start;
        scenario.Clock.SetUtcNow(start.AddMinutes(10));
        var early = await scenario.Log.AppendAsync(ExportScenario.AwkwardEvents()[0]);
        await using (var behind = scenario.OpenWriter(new FakeTimeProvider(start))) // a writer whose clock was stepped back
        {
            await behind.AppendAsync(ExportScenario.AwkwardEvents()[1]);
        }

        scenario.Clock.SetUtcNow(start.AddMinutes(20));
        var late = await scenario.Log.AppendAsync(ExportScenario.AwkwardEvents()[2]);
        scenario.Clock.SetUtcNow(start.AddDays(1));

        var result = await scenario.Exporter.ExportAsync(
            new AuditExportRequest { OutputPath = scenario.Out("jump.jsonl"), Format = AuditExportFormat.Json, From = start.AddMinutes(5), To = start.AddMinutes(30) },
            ExportScenario.Compliance);

        Assert.Equal(early.Sequence, result.Manifest.FirstSequence);
        Assert.Equal(late.Sequence, result.Manifest.LastSequence);
        Assert.Equal(2, result.Manifest.Count);
    }

    [Fact]
    public async Task ExportAsync_Manifest_CountsSequencesFileHashAndIsSigned()
    {
        await using var scenario = new ExportScenario();
        var records = await scenario.SeedAsync();

        var result = await scenario.ExportAllAsync("export.csv", AuditExportFormat.Csv);

        var manifest = result.Manifest;
        Assert.Equal(result.OutputPath + ".manifest.json", result.ManifestPath);
        Assert.Equal("csv", manifest.Format);
        Assert.Equal("carla", manifest.ExportedBy);
        Assert.Equal(records.Count, manifest.Count);
        Assert.Equal(records[0].Sequence, manifest.FirstSequence);
        Assert.Equal(records[^1].Sequence, manifest.LastSequence);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(result.OutputPath))), manifest.FileSha256);
        Assert.Equal(records.Select(r => r.Hash[..16]), manifest.RowDigests);
        using var key = scenario.PublicKey();
        Assert.Equal(key.KeyId, manifest.KeyId);
        Assert.True(key.Verify(manifest.Payload, manifest.Signature));
        var onDisk = JsonSerializer.Deserialize<AuditExportManifest>(await File.ReadAllTextAsync(result.ManifestPath));
        Assert.Equal(manifest.Payload, onDisk!.Payload);
        Assert.Equal(manifest.Signature, onDisk.Signature);
    }

    [Fact]
    public async Task ExportAsync_RecordsTheExportBeforeWritingTheFile()
    {
        await using var scenario = new ExportScenario();
        await scenario.SeedAsync();
        var output = scenario.Out("export.jsonl");
        bool? fileExistedWhenRecorded = null;
        scenario.Audit.BeforeAppend = e => fileExistedWhenRecorded = e.Action == AuditActions.AuditExported ? File.Exists(output) : fileExistedWhenRecorded;

        var result = await scenario.Exporter.ExportAsync(
            new AuditExportRequest { OutputPath = output, Format = AuditExportFormat.Json, From = ExportScenario.Start, UserId = "carla" },
            ExportScenario.Compliance);

        Assert.False(fileExistedWhenRecorded);
        Assert.Equal(AuditActions.AuditExported, result.Record.Event.Action);
        Assert.Equal("carla", result.Record.Event.Actor.Id);
        Assert.Contains("export.jsonl", result.Record.Event.Detail, StringComparison.Ordinal);
        Assert.Equal(result.Record.Sequence, result.Manifest.LastSequence); // an open-ended export includes its own record
        Assert.Equal(1, result.Manifest.Count);
    }

    [Fact]
    public async Task ExportAsync_AuditLogUnwritable_RefusesAndWritesNothing()
    {
        await using var scenario = new ExportScenario();
        var records = await scenario.SeedAsync();
        scenario.Audit.BeforeAppend = _ => throw new IOException("disk full");
        var output = scenario.Out("export.csv");

        var refused = await Assert.ThrowsAsync<AuditUnavailableException>(() => scenario.Exporter.ExportAsync(
            new AuditExportRequest { OutputPath = output, Format = AuditExportFormat.Csv }, ExportScenario.Compliance));

        Assert.Contains("disk full", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(AuditExporter.ManifestPathFor(output)));
        Assert.Equal(records.Count, (await AuditTestLogs.ReadAllAsync(scenario.Log)).Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExportAsync_OutputOrManifestExists_RefusesWithoutTouchingIt(bool manifest)
    {
        await using var scenario = new ExportScenario();
        var records = await scenario.SeedAsync();
        var output = scenario.Out("export.csv");
        var existing = manifest ? AuditExporter.ManifestPathFor(output) : output;
        await File.WriteAllTextAsync(existing, "keep me");

        await Assert.ThrowsAsync<InvalidOperationException>(() => scenario.Exporter.ExportAsync(
            new AuditExportRequest { OutputPath = output, Format = AuditExportFormat.Csv }, ExportScenario.Compliance));

        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
        Assert.Equal(records.Count, (await AuditTestLogs.ReadAllAsync(scenario.Log)).Count);
    }

    [Fact]
    public async Task ExportAsync_EmptyRange_IsRefused()
    {
        await using var scenario = new ExportScenario();

        await Assert.ThrowsAsync<ArgumentException>(() => scenario.Exporter.ExportAsync(
            new AuditExportRequest { OutputPath = scenario.Out("x.csv"), Format = AuditExportFormat.Csv, From = ExportScenario.End, To = ExportScenario.Start },
            ExportScenario.Compliance));
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit.Export;

namespace Rag.Audit.Tests.Export;

public sealed class AuditExportVerifierTests
{
    [Theory]
    [InlineData(AuditExportFormat.Csv)]
    [InlineData(AuditExportFormat.Json)]
    public async Task VerifyAsync_Untouched_IsIntact(AuditExportFormat format)
    {
        await using var scenario = new ExportScenario();
        var records = await scenario.SeedAsync();
        var result = await scenario.ExportAllAsync("export", format);

        var verification = await VerifyAsync(scenario, result.OutputPath);

        Assert.True(verification.Intact, string.Join("; ", verification.Problems.Select(p => p.Message)));
        Assert.Equal(records.Count, verification.Rows);
        Assert.Null(verification.FirstBadRow);
    }

    [Theory]
    [InlineData(AuditExportFormat.Csv, 2)]
    [InlineData(AuditExportFormat.Csv, 12)]
    [InlineData(AuditExportFormat.Json, 4)]
    [InlineData(AuditExportFormat.Json, 1)]
    public async Task VerifyAsync_OneCellChanged_FailsNamingThatRow(AuditExportFormat format, int row)
    {
        await using var scenario = new ExportScenario();
        var records = await scenario.SeedAsync();
        var result = await scenario.ExportAllAsync("export", format);
        var file = ExportFileText.Load(result.OutputPath, format);
        if (row <= 10)
        {
            file.Replace(row, $"ticket-{row - 1:0000}", $"ticket-{row - 1:0000}-harmless");
        }
        else
        {
            file.Replace(row, "denied", "ok"); // the outcome cell of the last record
        }

        file.Save(result.OutputPath);

        var verification = await VerifyAsync(scenario, result.OutputPath);

        Assert.False(verification.Intact);
        var bad = verification.FirstBadRow!;
        Assert.Equal(row, bad.Row);
        Assert.Equal(records[row - 1].Sequence, bad.Sequence);
        Assert.Equal($"row {row} (sequence {records[row - 1].Sequence}): its cells do not match the signed manifest", bad.Message);
        Assert.Single(verification.Problems, p => p.Row is not null);
        Assert.Contains(verification.Problems, p => p.Message.Contains("SHA-256", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(AuditExportFormat.Csv)]
    [InlineData(AuditExportFormat.Json)]
    public async Task VerifyAsync_CellAndItsHashCellChanged_StillNamesThatRow(AuditExportFormat format)
    {
        await using var scenario = new ExportScenario();
        var records = await scenario.SeedAsync();
        var result = await scenario.ExportAllAsync("export", format);
        var original = records[4];
        var forged = original with { Event = original.Event with { Detail = original.Event.Detail!.Replace("ticket-0004", "ticket-9999", StringComparison.Ordinal) } };
        var file = ExportFileText.Load(result.OutputPath, format);
        file.Replace(5, "ticket-0004", "ticket-9999");
        file.Replace(5, original.Hash, AuditChain.ComputeHash(forged)); // the attacker knows the chain's hash function

        file.Save(result.OutputPath);
        var verification = await VerifyAsync(scenario, result.OutputPath);

        Assert.False(verification.Intact);
        Assert.Equal(5, verification.FirstBadRow!.Row);
        Assert.Contains("do not match the signed manifest", verification.FirstBadRow.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AuditExportFormat.Csv)]
    [InlineData(AuditExportFormat.Json)]
    public async Task VerifyAsync_OnlyTheHashCellChanged_NamesThatRow(AuditExportFormat format)
    {
        await using var scenario = new ExportScenario();
        var records = await scenario.SeedAsync();
        var result = await scenario.ExportAllAsync("export", format);
        var file = ExportFileText.Load(result.OutputPath, format);
        file.Replace(3, records[2].Hash, new string('a', 64));
        file.Save(result.OutputPath);

        var verification = await VerifyAsync(scenario, result.OutputPath);

        Assert.False(verification.Intact);
        Assert.Equal($"row 3 (sequence {records[2].Sequence}): its hash cell does not match its cells", verification.FirstBadRow!.Message);
    }

    [Theory]
    [InlineData(AuditExportFormat.Csv, 3)]
    [InlineData(AuditExportFormat.Json, 3)]
    [InlineData(AuditExportFormat.Json, 12)]
    public async Task VerifyAsync_RowDeleted_NamesWhereItIsMissing(AuditExportFormat format, int row)
    {
        await using var scenario = new ExportScenario();
        var records = await scenario.SeedAsync();
        var result = await scenario.ExportAllAsync("export", format);
        var file = ExportFileText.Load(result.OutputPath, format);
        file.Rows.RemoveAt(row - 1);
        file.Save(result.OutputPath);

        var verification = await VerifyAsync(scenario, result.OutputPath);

        Assert.False(verification.Intact);
        var where = row == records.Count ? "at the end of the file" : $"before row {row}";
        Assert.Equal($"row {row} of the signed export is missing {where}", Assert.Single(verification.Problems, p => p.Row is not null).Message);
        Assert.Contains(verification.Problems, p => p.Message == $"the file has {records.Count - 1} rows; the signed manifest says {records.Count}");
    }

    [Theory]
    [InlineData(AuditExportFormat.Csv)]
    [InlineData(AuditExportFormat.Json)]
    public async Task VerifyAsync_TwoRowsSwapped_NamesTheRowOutOfOrder(AuditExportFormat format)
    {
        await using var scenario = new ExportScenario();
        var records = await scenario.SeedAsync();
        var result = await scenario.ExportAllAsync("export", format);
        var file = ExportFileText.Load(result.OutputPath, format);
        (file.Rows[5], file.Rows[6]) = (file.Rows[6], file.Rows[5]);
        file.Save(result.OutputPath);

        var verification = await VerifyAsync(scenario, result.OutputPath);

        Assert.False(verification.Intact);
        var problem = Assert.Single(verification.Problems, p => p.Row is not null);
        Assert.Equal($"row 7 (sequence {records[5].Sequence}) is out of order: the signed export has it as row 6", problem.Message);
    }

    [Theory]
    [InlineData(AuditExportFormat.Csv)]
    [InlineData(AuditExportFormat.Json)]
    public async Task VerifyAsync_RowAdded_NamesTheAddedRow(AuditExportFormat format)
    {
        await using var scenario = new ExportScenario();
        await scenario.SeedAsync();
        var result = await scenario.ExportAllAsync("export", format);
        var file = ExportFileText.Load(result.OutputPath, format);
        file.Rows.Insert(3, file.Rows[2].Replace("ticket-0002", "ticket-0002-copy", StringComparison.Ordinal));
        file.Save(result.OutputPath);

        var verification = await VerifyAsync(scenario, result.OutputPath);

        Assert.False(verification.Intact);
        Assert.Contains("row 4 (sequence 3) is not in the signed export: it was added", verification.Problems.Select(p => p.Message));
    }

    [Fact]
    public async Task VerifyAsync_ManifestFieldChanged_SignatureFails()
    {
        await using var scenario = new ExportScenario();
        await scenario.SeedAsync();
        var result = await scenario.ExportAllAsync("export.csv", AuditExportFormat.Csv);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(result.ManifestPath))!;
        manifest["filters"]!["user"] = "alice"; // claim the export was filtered: the file alone would still check out
        await File.WriteAllTextAsync(result.ManifestPath, manifest.ToJsonString());

        var verification = await VerifyAsync(scenario, result.OutputPath);

        Assert.False(verification.Intact);
        Assert.Equal("the manifest's signature does not verify: the manifest was changed after it was signed", Assert.Single(verification.Problems).Message);
    }

    [Fact]
    public async Task VerifyAsync_RowDigestsAndFileReplacedConsistently_SignatureFails()
    {
        await using var scenario = new ExportScenario();
        await scenario.SeedAsync();
        var result = await scenario.ExportAllAsync("export.jsonl", AuditExportFormat.Json);
        var file = ExportFileText.Load(result.OutputPath, AuditExportFormat.Json);
        file.Rows.RemoveAt(0);
        file.Save(result.OutputPath);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(result.ManifestPath))!;
        manifest["rowDigests"]!.AsArray().RemoveAt(0);
        manifest["count"] = result.Manifest.Count - 1;
        manifest["firstSequence"] = 2;
        manifest["fileSha256"] = await AuditExporter.Sha256Async(result.OutputPath);
        await File.WriteAllTextAsync(result.ManifestPath, manifest.ToJsonString());

        var verification = await VerifyAsync(scenario, result.OutputPath);

        Assert.False(verification.Intact);
        Assert.Equal("the manifest's signature does not verify: the manifest was changed after it was signed", Assert.Single(verification.Problems).Message);
    }

    [Fact]
    public async Task VerifyAsync_WrongKey_Fails()
    {
        await using var scenario = new ExportScenario();
        await scenario.SeedAsync();
        var result = await scenario.ExportAllAsync("export.csv", AuditExportFormat.Csv);
        using var other = AuditKey.Generate();

        var verification = await AuditExportVerifier.VerifyAsync(result.OutputPath, null, other);

        Assert.False(verification.Intact);
        Assert.Equal($"the manifest was signed with key {result.Manifest.KeyId}, not with the key given ({other.KeyId})", Assert.Single(verification.Problems).Message);
    }

    [Fact]
    public async Task VerifyAsync_ForgedSignatureUnderTheRightKeyId_Fails()
    {
        await using var scenario = new ExportScenario();
        await scenario.SeedAsync();
        var result = await scenario.ExportAllAsync("export.csv", AuditExportFormat.Csv);
        using var forger = AuditKey.Generate();
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(result.ManifestPath))!;
        manifest["signature"] = forger.Sign(result.Manifest.Payload);
        await File.WriteAllTextAsync(result.ManifestPath, manifest.ToJsonString());

        var verification = await VerifyAsync(scenario, result.OutputPath);

        Assert.Contains("signature does not verify", Assert.Single(verification.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_ManifestElsewhere_IsFoundWhenGiven()
    {
        await using var scenario = new ExportScenario();
        await scenario.SeedAsync();
        var result = await scenario.ExportAllAsync("export.csv", AuditExportFormat.Csv);
        var moved = scenario.Out("signed-manifest.json");
        File.Move(result.ManifestPath, moved);
        using var key = scenario.PublicKey();

        await Assert.ThrowsAsync<FileNotFoundException>(() => AuditExportVerifier.VerifyAsync(result.OutputPath, null, key));
        Assert.True((await AuditExportVerifier.VerifyAsync(result.OutputPath, moved, key)).Intact);
    }

    [Fact]
    public async Task VerifyAsync_ManifestNotJson_IsReportedNotThrown()
    {
        await using var scenario = new ExportScenario();
        await scenario.SeedAsync();
        var result = await scenario.ExportAllAsync("export.csv", AuditExportFormat.Csv);
        await File.WriteAllTextAsync(result.ManifestPath, "{ not json");

        var verification = await VerifyAsync(scenario, result.OutputPath);

        Assert.False(verification.Intact);
        Assert.StartsWith("the manifest", Assert.Single(verification.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_EmptyExport_IsIntact()
    {
        await using var scenario = new ExportScenario();
        await scenario.SeedAsync();
        var result = await scenario.Exporter.ExportAsync(
            new AuditExportRequest { OutputPath = scenario.Out("none.csv"), Format = AuditExportFormat.Csv, From = ExportScenario.Start, To = ExportScenario.End, UserId = "nobody" },
            ExportScenario.Compliance);

        var verification = await VerifyAsync(scenario, result.OutputPath);

        Assert.True(verification.Intact, string.Join("; ", verification.Problems.Select(p => p.Message)));
        Assert.Equal(0, result.Manifest.Count);
        Assert.Null(result.Manifest.FirstSequence);
        Assert.Equal(0, JsonDocument.Parse(await File.ReadAllTextAsync(result.ManifestPath)).RootElement.GetProperty("rowDigests").GetArrayLength());
    }

    private static async Task<AuditExportVerification> VerifyAsync(ExportScenario scenario, string path)
    {
        using var key = scenario.PublicKey();
        return await AuditExportVerifier.VerifyAsync(path, null, key);
    }
}

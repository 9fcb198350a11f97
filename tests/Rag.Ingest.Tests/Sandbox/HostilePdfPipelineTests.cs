using System.Diagnostics;
using Rag.Core.Audit;
using Rag.Ingest.Pipeline;
using Rag.Testing;
using Xunit.Abstractions;

namespace Rag.Ingest.Tests.Sandbox;

/// <summary>Acceptance: hostile PDFs through the real pipeline, parsed in real child processes, into a temp SQLite index.</summary>
public sealed class HostilePdfPipelineTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task IngestAsync_AllHostilePdfsThenNormalDocument_EachEndsWithinLimitAndNormalIsIndexed()
    {
        var folder = Directory.CreateDirectory(_temp.Combine("docs")).FullName;
        var hostile = Directory.GetFiles(RepoPaths.SharedPath("data", "hostile-pdfs"), "*.pdf");
        foreach (var file in hostile)
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        // Sorted last: queued behind every hostile file.
        await File.WriteAllTextAsync(Path.Combine(folder, "zz-normal.md"), "# Normal\n\nThe normal document survives the hostile ones.\n");
        await using var harness = new PipelineHarness(_temp.Combine("data"), new Dictionary<string, string?> { ["Rag:Ingestion:PerFileTimeout"] = "00:00:10" });
        var clock = Stopwatch.StartNew();

        var results = await harness.IngestAsync(folder, "hostile");
        var failedRecords = await harness.AuditAsync(AuditActions.DocumentFailed);

        foreach (var result in results)
        {
            output.WriteLine($"{Path.GetFileName(result.Path)}: {result.Status} in {result.Elapsed.TotalSeconds:0.0} s {result.Reason}");
        }

        output.WriteLine($"total {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(hostile.Length + 1, results.Count);
        Assert.All(results, r =>
        {
            Assert.True(r.Status is IngestionStatus.Indexed or IngestionStatus.Failed, $"{r.Path}: {r.Status}");
            Assert.True(r.Status == IngestionStatus.Indexed || !string.IsNullOrWhiteSpace(r.Reason), $"{r.Path} failed without a reason");
            Assert.True(r.Elapsed < TimeLimit + TimeSpan.FromSeconds(10), $"{r.Path} took {r.Elapsed}");
        });
        Assert.Equal(IngestionStatus.Indexed, results.Single(r => r.Path.EndsWith("zz-normal.md", StringComparison.Ordinal)).Status);
        Assert.Contains("encrypted", results.Single(r => r.Path.EndsWith("encrypted-password-is-password.pdf", StringComparison.Ordinal)).Reason, StringComparison.Ordinal);
        var failed = results.Where(r => r.Status == IngestionStatus.Failed).ToList();
        Assert.Equal(failed.Count, failedRecords.Count);
        Assert.All(failed, r => Assert.Contains(failedRecords, a => a.Event.Detail!.Contains(Path.GetFileName(r.Path), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task IngestAsync_PasswordConfiguredForSet_IndexesEncryptedPdf()
    {
        var folder = Directory.CreateDirectory(_temp.Combine("secret")).FullName;
        File.Copy(RepoPaths.SharedPath("data", "hostile-pdfs", "encrypted-password-is-password.pdf"), Path.Combine(folder, "encrypted.pdf"));
        await using var harness = new PipelineHarness(_temp.Combine("data"), new Dictionary<string, string?> { ["Rag:Ingestion:PdfPasswords:secret"] = "password" });

        var results = await harness.IngestAsync(folder, "secret");

        var result = Assert.Single(results);
        Assert.True(result.Status == IngestionStatus.Indexed, result.Reason);
    }

    [Fact]
    public async Task IngestAsync_MoreChunksThanLimit_FailsNamingTheLimit()
    {
        var folder = Directory.CreateDirectory(_temp.Combine("long")).FullName;
        var sections = string.Join("\n\n", Enumerable.Range(1, 40).Select(i => $"# Section {i}\n\n" + string.Concat(Enumerable.Repeat($"Paragraph {i} talks about topic {i} at some length. ", 30))));
        await File.WriteAllTextAsync(Path.Combine(folder, "long.md"), sections);
        await using var limited = new PipelineHarness(_temp.Combine("limited"), new Dictionary<string, string?> { ["Rag:Ingestion:MaxChunksPerDocument"] = "3" });
        await using var unlimited = new PipelineHarness(_temp.Combine("unlimited"));

        var refused = Assert.Single(await limited.IngestAsync(folder, "long"));
        var indexed = Assert.Single(await unlimited.IngestAsync(folder, "long"));

        Assert.Equal(IngestionStatus.Failed, refused.Status);
        Assert.Contains("more than the limit of 3 (Rag:Ingestion:MaxChunksPerDocument)", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(IngestionStatus.Indexed, indexed.Status);
        Assert.True(indexed.Chunks > 3, $"{indexed.Chunks} chunks");
    }

    public void Dispose() => _temp.Dispose();
}

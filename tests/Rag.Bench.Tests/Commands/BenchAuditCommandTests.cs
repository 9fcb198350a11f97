using System.Text.Json;
using Rag.Bench.Tests.Fixtures;

namespace Rag.Bench.Tests.Commands;

public sealed class BenchAuditCommandTests
{
    [Fact]
    public async Task BenchAudit_TinyLog_PrintsTablesWritesSaneJsonAndVerifiesIntact()
    {
        using var cli = new BenchHarness();
        var folder = cli.Folder("bench");
        var work = Path.Combine(folder, "work");
        var json = Path.Combine(folder, "bench-audit.json");

        var run = await cli.RunAsync(
            "bench", "audit", "--records", "3000", "--batch", "500", "--appends", "20", "--queries", "2", "--keep", work, "--json", json);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("intact", run.Output, StringComparison.Ordinal);
        Assert.Contains("user-page-5", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(work, "audit.db")), "--keep DIR keeps the filled data directory");
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = result.RootElement;
        Assert.Equal("audit", root.GetProperty("benchmark").GetString());
        Assert.True(root.TryGetProperty("environment", out _));

        var fill = root.GetProperty("fill");
        Assert.Equal(3000, fill.GetProperty("records").GetInt32());
        Assert.Equal(6, fill.GetProperty("batches").GetInt32());
        Assert.Equal(3000, fill.GetProperty("recordsByAction").EnumerateObject().Sum(a => a.Value.GetInt32()));
        Assert.True(fill.GetProperty("recordsPerSecond").GetDouble() > 0);
        Assert.Equal(20, root.GetProperty("append").GetProperty("latency").GetProperty("queries").GetInt32());
        var storage = root.GetProperty("storage");
        Assert.Equal(3020, storage.GetProperty("records").GetInt64());
        Assert.True(storage.GetProperty("bytesPerRecord").GetDouble() > 200, "a record holds at least its two hashes and its actor");

        var verify = root.GetProperty("verify");
        Assert.True(verify.GetProperty("intact").GetBoolean());
        Assert.Equal(3020, verify.GetProperty("recordsChecked").GetInt64());
        Assert.Equal(0, verify.GetProperty("uncoveredRecords").GetInt64());
        Assert.Equal(storage.GetProperty("checkpoints").GetInt32(), verify.GetProperty("checkpointsMatched").GetInt32());
        Assert.True(verify.GetProperty("peakWorkingSetBytes").GetInt64() > 0);

        var shapes = root.GetProperty("queries").EnumerateArray().ToList();
        Assert.Equal(10, shapes.Count);
        foreach (var shape in shapes)
        {
            var latency = shape.GetProperty("latency");
            Assert.Equal(2, latency.GetProperty("queries").GetInt32());
            Assert.True(latency.GetProperty("p50Ms").GetDouble() > 0 && latency.GetProperty("p50Ms").GetDouble() <= latency.GetProperty("p95Ms").GetDouble());
        }

        Assert.Equal(20, root.GetProperty("queryOverall").GetProperty("queries").GetInt32());
        var targets = root.GetProperty("targets");
        Assert.Equal(60, targets.GetProperty("verifySecondsMax").GetDouble());
        Assert.Equal(2000, targets.GetProperty("queryP95MsMax").GetDouble());
        Assert.Equal(JsonValueKind.True, targets.GetProperty("verifyMet").ValueKind);
        Assert.True(targets.GetProperty("queryP95Met").ValueKind is JsonValueKind.True or JsonValueKind.False);
    }

    [Fact]
    public async Task BenchAudit_NonEmptyKeepDirectory_Fails()
    {
        using var cli = new BenchHarness();
        var work = cli.Folder("occupied");
        await File.WriteAllTextAsync(Path.Combine(work, "something.txt"), "not a fresh directory");

        var run = await cli.RunAsync("bench", "audit", "--records", "10", "--appends", "1", "--queries", "1", "--keep", work);

        Assert.NotEqual(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(work, "something.txt")), "a directory the benchmark refused must be left alone");
    }
}

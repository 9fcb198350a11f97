using System.Text.Json;
using System.Text.RegularExpressions;
using Rag.Bench.Tests.Fixtures;

namespace Rag.Bench.Tests.Commands;

public sealed class BenchQueryCommandTests
{
    [Fact]
    public async Task BenchQuery_TinySizes_PrintsTablesWritesSaneJsonAndRemovesTheData()
    {
        using var cli = new BenchHarness();
        var folder = cli.Folder("bench");
        var work = Path.Combine(folder, "work");
        var json = Path.Combine(folder, "bench-query.json");

        var run = await cli.RunAsync(
            "bench", "query", "--sizes", "600,300", "--queries", "10", "--warmups", "2", "--warmup-seconds", "0",
            "--work-dir", work, "--json", json);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("bare scan", run.Output, StringComparison.Ordinal);
        Assert.Contains("hybrid", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(work), "the throw-away data directory must be deleted without --keep");
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = result.RootElement;
        Assert.Equal("query", root.GetProperty("benchmark").GetString());
        Assert.True(root.TryGetProperty("environment", out _));
        var sizes = root.GetProperty("sizes").EnumerateArray().ToList();
        Assert.Equal([300, 600], sizes.Select(s => s.GetProperty("chunks").GetInt32()));
        foreach (var size in sizes)
        {
            foreach (var kind in new[] { "dense", "keyword", "hybrid", "bareScan" })
            {
                var latency = size.GetProperty(kind);
                Assert.Equal(10, latency.GetProperty("queries").GetInt32());
                var (p50, p95, p99) = (latency.GetProperty("p50Ms").GetDouble(), latency.GetProperty("p95Ms").GetDouble(), latency.GetProperty("p99Ms").GetDouble());
                Assert.True(p50 > 0 && p50 <= p95 && p95 <= p99, $"{kind}: {p50} {p95} {p99}");
            }

            Assert.True(size.GetProperty("databaseBytesPerChunk").GetDouble() > 2048, "each chunk stores at least its 512 floats");
            Assert.True(size.GetProperty("loadChunksPerSecond").GetDouble() > 0);
            Assert.True(size.GetProperty("bareToDenseRatio").GetDouble() > 0);
        }

        var growth = root.GetProperty("growth").EnumerateArray().Single();
        Assert.Equal(2, growth.GetProperty("sizeFactor").GetDouble(), 9);
    }

    [Fact]
    public async Task BenchQuery_Run_ReportsTheKeywordSetFilterScenarioInJsonAndOutput()
    {
        using var cli = new BenchHarness();
        var folder = cli.Folder("bench");
        var json = Path.Combine(folder, "bench-query.json");

        var run = await cli.RunAsync(
            "bench", "query", "--sizes", "100", "--queries", "5", "--warmups", "1", "--warmup-seconds", "0",
            "--work-dir", Path.Combine(folder, "work"), "--json", json);

        Assert.True(run.ExitCode == 0, run.Error);
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var filter = result.RootElement.GetProperty("keywordFilter");
        Assert.Equal(3_000, filter.GetProperty("chunks").GetInt32());
        Assert.Equal(2_000, filter.GetProperty("unreadableChunks").GetInt32());
        var frequent = filter.GetProperty("frequentTerm").GetString();
        var control = filter.GetProperty("controlTerm").GetString();
        Assert.False(string.IsNullOrEmpty(frequent) || string.IsNullOrEmpty(control) || frequent == control, $"{frequent} / {control}");
        Assert.Equal(filter.GetProperty("readableMatches").GetInt32(), filter.GetProperty("frequentHits").GetInt32());
        Assert.Equal(filter.GetProperty("readableMatches").GetInt32(), filter.GetProperty("controlHits").GetInt32());
        var (f, c) = (filter.GetProperty("frequent").GetProperty("p50Ms").GetDouble(), filter.GetProperty("control").GetProperty("p50Ms").GetDouble());
        Assert.True(f > 0 && c > 0, $"{f} / {c}");
        Assert.Equal(f / c, filter.GetProperty("medianRatio").GetDouble(), 9);
        Assert.Equal(5, filter.GetProperty("frequent").GetProperty("queries").GetInt32());
        var printed = Regex.Replace(run.Output, @"\s+", " "); // the console wraps long lines
        Assert.Contains($"Keyword set filter: 3,000 chunks, 2,000 in a set the caller cannot read, all holding '{frequent}'", printed, StringComparison.Ordinal);
        Assert.Contains($"for control '{control}'", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchQuery_Keep_LeavesTheIndexBehind()
    {
        using var cli = new BenchHarness();
        var work = Path.Combine(cli.Folder("bench"), "work");

        var run = await cli.RunAsync("bench", "query", "--sizes", "100", "--queries", "3", "--warmups", "1", "--warmup-seconds", "0", "--work-dir", work, "--keep");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(Path.Combine(work, "rag.db")));
    }
}

using System.Text.Json;
using Rag.Bench.Tests.Fixtures;
using Rag.Cli.Tests.Fixtures;

namespace Rag.Bench.Tests.Commands;

public sealed class BenchIngestCommandTests
{
    [Fact]
    public async Task BenchIngest_TinyPdfCorpus_PrintsTableAndWritesJson()
    {
        using var cli = new BenchHarness();
        var corpus = cli.Folder("corpus");
        for (var i = 1; i <= 3; i++)
        {
            TestPdf.Write(
                Path.Combine(corpus, $"manual-{i}.pdf"),
                $"Manual {i}",
                ("Overview", [$"Manual {i} explains how the archive lends its maps.", "Loans last two weeks and can be renewed once."]),
                ("Opening hours", ["The reading room opens at nine on weekdays.", "It closes at noon on Saturdays."]));
        }

        var json = Path.Combine(cli.Folder("out"), "bench-ingest.json");

        var run = await cli.RunAsync("bench", "ingest", corpus, "--json", json);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        foreach (var row in new[] { "parse alone", "chunk alone", "embed alone", "write alone", "end-to-end", "pages/s", "chunks/s", "slowest stage" })
        {
            Assert.Contains(row, run.Output, StringComparison.Ordinal);
        }

        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = result.RootElement;
        Assert.Equal(3, root.GetProperty("parameters").GetProperty("files").GetInt32());
        Assert.Equal(6, root.GetProperty("parameters").GetProperty("pages").GetInt32());
        Assert.Equal(4, root.GetProperty("stages").GetArrayLength());
        var endToEnd = root.GetProperty("endToEnd");
        Assert.Equal(6, endToEnd.GetProperty("pages").GetInt32());
        Assert.True(endToEnd.GetProperty("pagesPerSecond").GetDouble() > 0);
        Assert.True(root.GetProperty("ratio").GetDouble() > 0);
        Assert.True(root.GetProperty("peakWorkingSetBytes").GetInt64() > 0);
        Assert.True(root.GetProperty("environment").GetProperty("logicalCores").GetInt32() > 0);
    }

    [Fact]
    public async Task BenchIngest_MissingCorpus_SaysSo()
    {
        using var cli = new BenchHarness();

        var run = await cli.RunAsync("bench", "ingest", Path.Combine(cli.Folder("x"), "nowhere"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
    }
}

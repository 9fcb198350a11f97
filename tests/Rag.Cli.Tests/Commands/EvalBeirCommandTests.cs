using System.Text.Json;
using Rag.Cli.Tests.Fixtures;

namespace Rag.Cli.Tests.Commands;

public sealed class EvalBeirCommandTests
{
    private static readonly string[] Corpus =
    [
        """{"_id": "d1", "title": "Glacier retreat", "text": "Alpine glaciers lost a third of their ice volume since 1980 as summer temperatures rose."}""",
        """{"_id": "d2", "title": "Sourdough", "text": "A sourdough starter is a culture of wild yeast and lactic acid bacteria fed with flour and water."}""",
        """{"_id": "d3", "title": "Tidal power", "text": "Tidal barrages generate electricity from the height difference between high and low tide."}""",
        """{"_id": "d4", "title": "Honeybees", "text": "Honeybee colonies communicate the direction of flowers through the waggle dance."}""",
        """{"_id": "d5", "title": "Chess openings", "text": "The Sicilian Defence is the most popular response to the king's pawn opening in chess."}""",
    ];

    [Fact]
    public async Task EvalBeir_AllModes_WritesScoresThatReflectRealRetrieval()
    {
        using var cli = new CliHarness();
        var dataset = WriteDataset(cli, "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\nq3\td4\t1\n");
        var json = Path.Combine(cli.Folder("out"), "beir.json");

        var run = await cli.RunAsync("eval", "beir", dataset, "--mode", "all", "--json", json);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("nDCG@10", run.Output, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var results = report.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("mode").GetString()!, r => r.GetProperty("scores"));
        Assert.Equal(["bm25", "dense", "hybrid"], results.Keys.Order());
        // Each query shares distinctive words only with its relevant document, so BM25 ranks it first.
        Assert.Equal(1.0, results["bm25"].GetProperty("ndcg").GetDouble(), 6);
        Assert.Equal(3, results["hybrid"].GetProperty("queries").GetInt32());
        Assert.InRange(results["dense"].GetProperty("ndcg").GetDouble(), 0.3, 1.0);
        Assert.Equal(5, report.RootElement.GetProperty("documents").GetInt32());
        Assert.Equal("use-lite", report.RootElement.GetProperty("model").GetProperty("modelId").GetString());
    }

    [Fact]
    public async Task EvalBeir_DatasetOtherThanSciFact_ReportsOnlyTheGivenReferences()
    {
        using var cli = new CliHarness();
        var dataset = WriteDataset(cli, "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\nq3\td4\t1\n");
        var index = cli.Folder("index");
        var plain = Path.Combine(cli.Folder("out"), "plain.json");
        var given = Path.Combine(cli.Folder("out"), "given.json");

        var first = await cli.RunAsync("eval", "beir", dataset, "--mode", "bm25", "--index", index, "--json", plain);
        var second = await cli.RunAsync("eval", "beir", dataset, "--mode", "bm25", "--index", index, "--json", given, "--reference", "bm25=0.5");

        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        using var plainReport = JsonDocument.Parse(await File.ReadAllTextAsync(plain));
        Assert.Empty(plainReport.RootElement.GetProperty("publishedNdcgAt10").EnumerateObject());
        Assert.DoesNotContain("published", first.Output, StringComparison.Ordinal);
        using var givenReport = JsonDocument.Parse(await File.ReadAllTextAsync(given));
        var reference = Assert.Single(givenReport.RootElement.GetProperty("publishedNdcgAt10").EnumerateObject());
        Assert.Equal(("bm25", 0.5), (reference.Name, reference.Value.GetDouble()));
        Assert.Contains("published: bm25", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalBeir_Half_EvaluatesThatHalfOnlyAndReportsIt()
    {
        using var cli = new CliHarness();
        var dataset = WriteDataset(cli, "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\nq3\td4\t1\n");
        var json = Path.Combine(cli.Folder("out"), "half.json");

        var run = await cli.RunAsync("eval", "beir", dataset, "--mode", "bm25", "--half", "b", "--json", json);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.Equal("b", report.RootElement.GetProperty("half").GetString());
        Assert.Equal(1, report.RootElement.GetProperty("queries").GetInt32());
        Assert.Equal(1, report.RootElement.GetProperty("results")[0].GetProperty("scores").GetProperty("queries").GetInt32());
    }

    [Theory]
    [InlineData("--half", "c", "--half must be a or b")]
    [InlineData("--reference", "bm25", "name=value")]
    public async Task EvalBeir_BadHalfOrReference_FailsSayingWhy(string option, string value, string message)
    {
        using var cli = new CliHarness();
        var dataset = WriteDataset(cli, "query-id\tcorpus-id\tscore\nq1\td1\t1\n");

        var run = await cli.RunAsync("eval", "beir", dataset, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalBeir_WrongJudgments_ScoreLower()
    {
        using var cli = new CliHarness();
        // Every judgment points at the wrong document.
        var dataset = WriteDataset(cli, "query-id\tcorpus-id\tscore\nq1\td5\t1\nq2\td3\t1\nq3\td1\t1\n");
        var json = Path.Combine(cli.Folder("out"), "beir.json");

        var run = await cli.RunAsync("eval", "beir", dataset, "--mode", "bm25", "--json", json);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var ndcg = report.RootElement.GetProperty("results")[0].GetProperty("scores").GetProperty("ndcg").GetDouble();
        Assert.True(ndcg < 0.5, $"nDCG {ndcg} for judgments that point at the wrong documents");
    }

    [Fact]
    public async Task EvalBeir_MalformedCorpus_FailsNamingTheLine()
    {
        using var cli = new CliHarness();
        var dataset = WriteDataset(cli, "query-id\tcorpus-id\tscore\nq1\td1\t1\n");
        await File.AppendAllTextAsync(Path.Combine(dataset, "corpus.jsonl"), "{\"_id\": \n");

        var run = await cli.RunAsync("eval", "beir", dataset);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("corpus.jsonl:6", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalBeir_ReusedIndexWithOtherChunking_IsRefused()
    {
        using var cli = new CliHarness();
        var dataset = WriteDataset(cli, "query-id\tcorpus-id\tscore\nq1\td1\t1\n");
        var index = cli.Folder("index");
        var first = await cli.RunAsync("eval", "beir", dataset, "--mode", "bm25", "--index", index);
        Assert.True(first.ExitCode == 0, first.Error);

        using var other = new CliHarness(configuration: new Dictionary<string, string?> { ["Rag:Chunking:MaxTokens"] = "64" });
        var second = await other.RunAsync("eval", "beir", dataset, "--mode", "bm25", "--index", index);

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("other settings", second.Error, StringComparison.Ordinal);
    }

    private static string WriteDataset(CliHarness cli, string qrels)
    {
        var dir = cli.Folder("beir");
        File.WriteAllText(Path.Combine(dir, "corpus.jsonl"), string.Join('\n', Corpus) + "\n");
        File.WriteAllText(Path.Combine(dir, "queries.jsonl"),
            """{"_id": "q1", "text": "How much ice have alpine glaciers lost?"}""" + "\n" +
            """{"_id": "q2", "text": "What is in a sourdough starter culture?"}""" + "\n" +
            """{"_id": "q3", "text": "How do honeybee colonies tell each other where flowers are?"}""" + "\n");
        Directory.CreateDirectory(Path.Combine(dir, "qrels"));
        File.WriteAllText(Path.Combine(dir, "qrels", "test.tsv"), qrels);
        return dir;
    }
}

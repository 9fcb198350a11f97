using System.Text.Json;
using Rag.Bench.Embed;
using Rag.Bench.Tests.Embed;
using Rag.Bench.Tests.Fixtures;
using Rag.Onnx.SentenceEmbeddings;

namespace Rag.Bench.Tests.Commands;

public sealed class BenchEmbedCommandTests
{
    private const string Abstract =
        "Alterations of the architecture of cerebral white matter in the developing human brain can affect cortical development " +
        "and result in functional disabilities. A line scan diffusion-weighted magnetic resonance imaging sequence with diffusion " +
        "tensor analysis was applied to measure the apparent diffusion coefficient, to calculate relative anisotropy, and to " +
        "delineate three-dimensional fiber architecture in cerebral white matter in preterm infants and full-term infants.";

    [Fact]
    public async Task BenchEmbed_TinyCorpus_PrintsTableAndWritesSaneJson()
    {
        using var cli = new BenchHarness();
        var folder = cli.Folder("bench");
        var corpus = Path.Combine(folder, "corpus.jsonl");
        await File.WriteAllLinesAsync(corpus, [JsonSerializer.Serialize(new { _id = "1", title = "t", text = Abstract })]);
        var json = Path.Combine(folder, "out", "bench-embed.json");

        var run = await cli.RunAsync(
            "bench", "embed", "--corpus", corpus, "--chunks", "8", "--batch-sizes", "1,4", "--repetitions", "1", "--warmups", "0",
            "--min-tokens", "10", "--json", json);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("bench embed", run.Output, StringComparison.Ordinal);
        Assert.Contains("ratio", run.Output, StringComparison.Ordinal);
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = result.RootElement;
        Assert.Equal("embed", root.GetProperty("benchmark").GetString());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("environment").GetProperty("logicalCores").GetInt32());
        var parameters = root.GetProperty("parameters");
        Assert.Equal(8, parameters.GetProperty("chunks").GetInt32());
        Assert.Equal(512, parameters.GetProperty("dimensions").GetInt32());
        Assert.InRange(parameters.GetProperty("meanTokensPerChunk").GetDouble(), 10, 128);
        var results = root.GetProperty("results");
        Assert.Equal([1, 4], results.EnumerateArray().Select(r => r.GetProperty("batchSize").GetInt32()));
        foreach (var r in results.EnumerateArray())
        {
            Assert.True(r.GetProperty("fullStack").GetProperty("chunksPerSecond").GetDouble() > 0);
            Assert.True(r.GetProperty("bareLoop").GetProperty("tokensPerSecond").GetDouble() > 0);
            Assert.InRange(r.GetProperty("ratio").GetDouble(), 0.05, 20);
            Assert.True(r.GetProperty("peakWorkingSetBytes").GetInt64() > 0);
        }
    }

    [Fact]
    public async Task BenchEmbed_MiniLm_MeasuresTheBertBaselineAndNamesModelDimensionsAndTokens()
    {
        var options = BertBareSessionTests.MiniLmOptions(maxTokens: 0);
        using var cli = new BenchHarness(configuration: new Dictionary<string, string?>
        {
            ["Rag:Embedding:Model"] = options.Model,
            ["Rag:Embedding:Kind"] = nameof(EmbeddingModelKind.Bert),
        });
        var folder = cli.Folder("bench");
        var corpus = Path.Combine(folder, "corpus.jsonl");
        await File.WriteAllLinesAsync(corpus, [JsonSerializer.Serialize(new { _id = "1", title = "t", text = Abstract })]);
        var json = Path.Combine(folder, "bench-embed-minilm.json");

        var run = await cli.RunAsync(
            "bench", "embed", "--corpus", corpus, "--chunks", "6", "--batch-sizes", "1,3", "--repetitions", "1", "--warmups", "0",
            "--min-tokens", "10", "--json", json);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(options.Model, run.Output, StringComparison.Ordinal);
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var parameters = result.RootElement.GetProperty("parameters");
        using var generator = new BertEmbeddingGenerator(options);
        var chunks = await BenchChunkTexts.LoadAsync(corpus, 6, generator, minTokens: 10);
        var tokens = chunks.Sum(c => Math.Min(generator.CountTokens(c), generator.MaxTokens));
        Assert.Equal(options.Model, parameters.GetProperty("model").GetString());
        Assert.Equal(generator.Dimensions, parameters.GetProperty("dimensions").GetInt32());
        Assert.Equal(generator.MaxTokens, parameters.GetProperty("maxTokens").GetInt32());
        Assert.Equal(tokens, parameters.GetProperty("tokens").GetInt64());
        Assert.Equal(chunks.Sum(c => (long)c.Length), parameters.GetProperty("characters").GetInt64());
        var results = result.RootElement.GetProperty("results");
        Assert.Equal([1, 3], results.EnumerateArray().Select(r => r.GetProperty("batchSize").GetInt32()));
        foreach (var r in results.EnumerateArray())
        {
            var bare = r.GetProperty("bareLoop");
            Assert.Equal(tokens / bare.GetProperty("medianPassSeconds").GetDouble(), bare.GetProperty("tokensPerSecond").GetDouble(), 6);
            Assert.InRange(r.GetProperty("ratio").GetDouble(), 0.05, 20);
        }
    }

    [Fact]
    public async Task BenchEmbed_BatchSizeZero_FailsNamingTheValue()
    {
        using var cli = new BenchHarness();

        var run = await cli.RunAsync("bench", "embed", "--batch-sizes", "8,0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'0' is not a positive whole number", run.Error, StringComparison.Ordinal);
    }
}

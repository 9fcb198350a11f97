using System.Text.Json;
using Rag.Bench.Tests.Fixtures;

namespace Rag.Bench.Tests.Commands;

public sealed class BenchGenerateCommandTests
{
    private static readonly string[] s_models = ["tiny-random-llama-fp16-kvcache", "tiny-random-llama-fp32-gqa-kvcache"];

    [Fact]
    public async Task BenchGenerate_TinyModels_PrintsTablesAndWritesSaneJson()
    {
        using var cli = new BenchHarness();
        var json = Path.Combine(cli.Folder("bench"), "out", "bench-generate.json");

        var run = await cli.RunAsync(
            "bench", "generate", "--model", s_models[0], s_models[1], "--new-tokens", "4", "--prompt-tokens", "24,48",
            "--repetitions", "1", "--warmups", "0", "--json", json);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("bench generate", run.Output, StringComparison.Ordinal);
        Assert.Contains(s_models[1], run.Output, StringComparison.Ordinal);
        Assert.Contains("TTFT", run.Output, StringComparison.Ordinal);
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = result.RootElement;
        Assert.Equal("generate", root.GetProperty("benchmark").GetString());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("environment").GetProperty("logicalCores").GetInt32());
        Assert.True(root.GetProperty("environment").GetProperty("commit").GetString() is { Length: > 0 });
        Assert.True(root.GetProperty("allIdenticalIds").GetBoolean());
        var parameters = root.GetProperty("parameters");
        Assert.Equal(s_models, parameters.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("greedy", parameters.GetProperty("sampling").GetString());
        var models = root.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["Float16", "Float"], models.Select(m => m.GetProperty("cacheType").GetString()));
        foreach (var model in models)
        {
            var prompts = model.GetProperty("prompts").EnumerateArray().ToList();
            Assert.Equal([24, 48], prompts.Select(p => p.GetProperty("targetPromptTokens").GetInt32()));
            foreach (var p in prompts)
            {
                Assert.InRange(p.GetProperty("promptTokens").GetInt32(), 8, p.GetProperty("targetPromptTokens").GetInt32());
                Assert.Equal(4, p.GetProperty("generatedTokens").GetInt32());
                Assert.Equal(4, p.GetProperty("generatedIds").GetArrayLength());
                Assert.True(p.GetProperty("identicalIds").GetBoolean());
                foreach (var path in new[] { "client", "bare", "recomputed" })
                {
                    var timing = p.GetProperty(path);
                    Assert.True(timing.GetProperty("medianFirstTokenMs").GetDouble() > 0, path);
                    Assert.True(timing.GetProperty("medianDecodeTokensPerSecond").GetDouble() > 0, path);
                    Assert.True(timing.GetProperty("medianTotalMs").GetDouble() >= timing.GetProperty("medianFirstTokenMs").GetDouble(), path);
                }

                foreach (var ratio in new[] { "clientToBareDecodeRatio", "clientToBareEndToEndRatio", "clientToBareFirstTokenRatio", "kvCacheDecodeSpeedup", "kvCacheEndToEndSpeedup" })
                {
                    // Only the sign and finiteness: one timed run of 4 tokens is at the mercy of the scheduler.
                    var value = p.GetProperty(ratio).GetDouble();
                    Assert.True(value > 0 && double.IsFinite(value), $"{ratio} = {value}");
                }
            }
        }
    }

    [Fact]
    public async Task BenchGenerate_UnknownModel_FailsNamingIt()
    {
        using var cli = new BenchHarness();

        var run = await cli.RunAsync("bench", "generate", "--model", "no-such-model");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'no-such-model' is neither a folder nor a model installed", run.Error, StringComparison.Ordinal);
    }
}

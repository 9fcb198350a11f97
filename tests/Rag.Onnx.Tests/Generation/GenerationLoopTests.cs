using Microsoft.Extensions.AI;
using Rag.Onnx.Generation;

namespace Rag.Onnx.Tests.Generation;

public sealed class GenerationLoopTests(OnnxChatClientFixture fixture) : IClassFixture<OnnxChatClientFixture>
{
    private const int NewTokens = 20;

    [Theory]
    [InlineData(GenerationTestModels.Fp16)]
    [InlineData(GenerationTestModels.Fp32Gqa)]
    public void Run_GreedyWithKvCache_MatchesFullRecomputation(string model)
    {
        var client = fixture[model];
        var prompt = client.Tokenizer.Encode("<s>[INST] Tell me about the weather in Paris. [/INST]");
        var loop = new GenerationLoop(client.Session, client.Tokenizer, new HashSet<int>(), options: null);

        _ = loop.Run(prompt, NewTokens, CancellationToken.None).ToList();

        Assert.Equal(NewTokens, loop.Ids.Count);
        Assert.Equal(RecomputeGreedy(client.Session, prompt, NewTokens), loop.Ids);
        Assert.Equal(ChatFinishReason.Length, loop.FinishReason);
    }

    [Theory]
    [InlineData(GenerationTestModels.Fp16, 2e-3)]
    [InlineData(GenerationTestModels.Fp32Gqa, 1e-5)]
    public void SessionRun_CachedSteps_GiveSameLogitsAsFullRecomputation(string model, double tolerance)
    {
        var session = fixture[model].Session;
        long[] sequence = [1, 15043, 3186, 29892, 920, 526, 366, 1577, 306, 626, 1781];
        var (logits, cache) = session.Run(sequence.AsSpan(0, 3), past: null);
        try
        {
            for (var length = 4; length <= sequence.Length; length++)
            {
                (logits, var grown) = session.Run(sequence.AsSpan(length - 1, 1), cache);
                cache.Dispose();
                cache = grown;
                var (reference, fullCache) = session.Run(sequence.AsSpan(0, length), past: null);
                fullCache.Dispose();

                Assert.Equal(length, cache.Length);
                var maxDiff = reference.Zip(logits).Max(p => Math.Abs(p.First - p.Second));
                Assert.True(maxDiff <= tolerance, $"step {length}: logits differ by {maxDiff}");
            }
        }
        finally
        {
            cache.Dispose();
        }
    }

    [Theory]
    [InlineData(GenerationTestModels.Fp16)]
    [InlineData(GenerationTestModels.Fp32Gqa)]
    public void Run_StopTokenGenerated_EndsBeforeIt(string model)
    {
        var client = fixture[model];
        var prompt = client.Tokenizer.Encode("<s>[INST] Hi [/INST]");
        var free = new GenerationLoop(client.Session, client.Tokenizer, new HashSet<int>(), options: null);
        _ = free.Run(prompt, 10, CancellationToken.None).ToList();
        var stopAt = 4;
        var stopId = free.Ids[stopAt];
        var firstIndex = free.Ids.IndexOf(stopId);

        var stopped = new GenerationLoop(client.Session, client.Tokenizer, new HashSet<int> { stopId }, options: null);
        var text = string.Concat(stopped.Run(prompt, 10, CancellationToken.None));

        Assert.Equal(free.Ids.Take(firstIndex), stopped.Ids);
        Assert.Equal(ChatFinishReason.Stop, stopped.FinishReason);
        Assert.Equal(firstIndex + 1, stopped.OutputTokens);
        Assert.Equal(client.Tokenizer.Decode(free.Ids.Take(firstIndex)), text);
    }

    [Fact]
    public void Run_CancelledToken_Throws()
    {
        var client = fixture[GenerationTestModels.Fp16];
        var loop = new GenerationLoop(client.Session, client.Tokenizer, new HashSet<int>(), options: null);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() => loop.Run([1, 2, 3], 5, cts.Token).ToList());
    }

    // The reference: no cache at all, the whole sequence re-run at every step.
    private static List<int> RecomputeGreedy(DecoderSession session, IReadOnlyList<int> prompt, int count)
    {
        var sequence = prompt.Select(i => (long)i).ToList();
        var generated = new List<int>();
        for (var step = 0; step < count; step++)
        {
            var (logits, cache) = session.Run(sequence.ToArray(), past: null);
            cache.Dispose();
            var next = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(logits);
            generated.Add(next);
            sequence.Add(next);
        }

        return generated;
    }
}

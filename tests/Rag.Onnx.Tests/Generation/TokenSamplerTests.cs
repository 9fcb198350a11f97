using Rag.Onnx.Generation;

namespace Rag.Onnx.Tests.Generation;

public sealed class TokenSamplerTests
{
    private static readonly float[] Logits = [0.1f, 2.0f, 1.9f, -1f, 2.0f, 0.5f];

    [Fact]
    public void Next_NoTemperature_PicksFirstHighestLogit()
    {
        var sampler = new TokenSampler(temperature: null, topP: null, topK: null, seed: null);

        Assert.True(sampler.IsGreedy);
        Assert.Equal(1, sampler.Next(Logits));
    }

    [Fact]
    public void Next_TopKOne_AlwaysPicksAHighestLogit()
    {
        var sampler = new TokenSampler(temperature: 1.5f, topP: null, topK: 1, seed: 7);

        var picks = Enumerable.Range(0, 50).Select(_ => sampler.Next(Logits)).ToHashSet();

        Assert.False(sampler.IsGreedy);
        Assert.Subset(new HashSet<int> { 1, 4 }, picks);
    }

    [Fact]
    public void Next_TopPSmall_KeepsOnlyTheMostLikelyTokens()
    {
        var sampler = new TokenSampler(temperature: 1f, topP: 0.3f, topK: null, seed: 3);

        var picks = Enumerable.Range(0, 200).Select(_ => sampler.Next(Logits)).ToHashSet();

        Assert.Subset(new HashSet<int> { 1, 4 }, picks);
    }

    [Fact]
    public void Next_HighTemperatureNoLimits_ReachesUnlikelyTokens()
    {
        var sampler = new TokenSampler(temperature: 5f, topP: null, topK: null, seed: 11);

        var picks = Enumerable.Range(0, 500).Select(_ => sampler.Next(Logits)).ToHashSet();

        Assert.Contains(3, picks);
    }

    [Fact]
    public void Next_SameSeed_SameSequence()
    {
        var a = new TokenSampler(1f, 0.9f, null, 123);
        var b = new TokenSampler(1f, 0.9f, null, 123);

        Assert.Equal(
            Enumerable.Range(0, 30).Select(_ => a.Next(Logits)),
            Enumerable.Range(0, 30).Select(_ => b.Next(Logits)));
    }
}

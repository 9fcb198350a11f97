using Rag.Bench.Audit;

namespace Rag.Bench.Tests.Audit;

public sealed class WeightedSamplerTests
{
    [Fact]
    public void Next_Weights_DrawsInProportionAndNeverAZeroWeight()
    {
        var sampler = new WeightedSampler([1, 0, 3]);
        var random = new Random(11);

        var counts = new int[3];
        for (var i = 0; i < 40_000; i++)
        {
            counts[sampler.Next(random)]++;
        }

        Assert.Equal(0, counts[1]);
        Assert.Equal(0.25, counts[0] / 40_000d, 2);
    }

    [Fact]
    public void Zipf_FirstRankIsMostLikely()
    {
        var sampler = WeightedSampler.Zipf(100, 1.0);
        var random = new Random(5);

        var counts = new int[100];
        for (var i = 0; i < 20_000; i++)
        {
            counts[sampler.Next(random)]++;
        }

        Assert.Equal(0, Array.IndexOf(counts, counts.Max()));
        Assert.True(counts[0] > 10 * counts[99]);
    }

    [Fact]
    public void Ctor_NoPositiveWeight_Throws() =>
        Assert.Throws<ArgumentException>(() => new WeightedSampler([0, 0]));
}

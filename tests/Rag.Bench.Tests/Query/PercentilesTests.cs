using Rag.Bench.Query;

namespace Rag.Bench.Tests.Query;

public sealed class PercentilesTests
{
    private static readonly double[] s_oneToTen = [7, 3, 10, 1, 5, 9, 2, 8, 4, 6];

    [Theory]
    [InlineData(0, 1)]
    [InlineData(50, 5.5)]
    [InlineData(95, 9.55)]
    [InlineData(99, 9.91)]
    [InlineData(100, 10)]
    public void Of_UnsortedOneToTen_InterpolatesBetweenClosestRanksLikeNumpy(double percentile, double expected) =>
        Assert.Equal(expected, Percentiles.Of(s_oneToTen, percentile), 9);

    [Fact]
    public void Of_SingleSample_IsThatSampleAtEveryPercentile()
    {
        Assert.Equal(4.2, Percentiles.Of([4.2], 1));
        Assert.Equal(4.2, Percentiles.Of([4.2], 99));
    }

    [Fact]
    public void Median_EvenCount_IsMeanOfMiddleTwo() => Assert.Equal(2.5, Percentiles.Median([4, 1, 3, 2]));

    [Fact]
    public void Of_DoesNotReorderTheCallersSamples()
    {
        var samples = new double[] { 3, 1, 2 };
        _ = Percentiles.Of(samples, 50);
        Assert.Equal([3, 1, 2], samples);
    }

    [Fact]
    public void Of_NoSamplesOrPercentileOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => Percentiles.Of([], 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of([1, 2], 101));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of([1, 2], -1));
    }
}

using Rag.Bench.Query;

namespace Rag.Bench.Tests.Query;

public sealed class LatencySummaryTests
{
    [Fact]
    public void Of_HundredSamples_ReportsPercentilesMeanAndExtremes()
    {
        // 1..99 ms, then one 1000 ms outlier: p50 and p95 stay put, p99 and the mean see the outlier.
        var samples = Enumerable.Range(1, 99).Select(i => (double)i).Append(1000).ToList();

        var summary = LatencySummary.Of(samples);

        Assert.Equal(100, summary.Queries);
        Assert.Equal(50.5, summary.P50Ms, 9);
        Assert.Equal(95.05, summary.P95Ms, 9);
        Assert.Equal(99 + (0.01 * (1000 - 99)), summary.P99Ms, 9);
        Assert.Equal((4950 + 1000) / 100.0, summary.MeanMs, 9);
        Assert.Equal(1, summary.MinMs);
        Assert.Equal(1000, summary.MaxMs);
    }
}

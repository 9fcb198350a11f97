using Rag.Bench.Query;

namespace Rag.Bench.Tests.Query;

public sealed class QueryGrowthTests
{
    [Fact]
    public void Between_LatencyTenfoldForTenfoldSize_IsLinearExponentOne()
    {
        var growth = QueryGrowth.Between(Size(10_000, dense: 2, keyword: 5, bare: 1), Size(100_000, dense: 20, keyword: 5, bare: 31.6227766));

        Assert.Equal(10, growth.SizeFactor, 9);
        Assert.Equal(10, growth.DenseFactor, 9);
        Assert.Equal(1, growth.DenseExponent, 9);
        Assert.Equal(0, growth.KeywordExponent, 9);
        Assert.Equal(1.5, growth.BareExponent, 6);
    }

    private static QuerySizeResult Size(int chunks, double dense, double keyword, double bare) => new(
        chunks, chunks / 100, 1, chunks, 0.1, chunks * 4000L, 4000, 2100, 2100,
        Latency(dense), Latency(keyword), Latency(dense + keyword), Latency(bare), bare / dense, dense * 1e6 / chunks, bare * 1e6 / chunks);

    private static LatencySummary Latency(double p50) => new(10, p50, p50 * 1.5, p50 * 2, p50, p50 / 2, p50 * 2);
}

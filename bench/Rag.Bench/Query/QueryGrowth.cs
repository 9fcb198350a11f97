namespace Rag.Bench.Query;

/// <summary>
/// How p50 latency grows from one size to the next. The exponent is log(latency factor) / log(size factor):
/// 1 is linear (what an exact scan should show), below 1 sub-linear (fixed costs still dominate), above 1 worse.
/// </summary>
public sealed record QueryGrowth(
    int FromChunks,
    int ToChunks,
    double SizeFactor,
    double DenseFactor,
    double DenseExponent,
    double KeywordFactor,
    double KeywordExponent,
    double HybridFactor,
    double HybridExponent,
    double BareFactor,
    double BareExponent)
{
    /// <summary>The growth from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static QueryGrowth Between(QuerySizeResult from, QuerySizeResult to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var size = (double)to.Chunks / from.Chunks;
        double Factor(LatencySummary a, LatencySummary b) => b.P50Ms / a.P50Ms;
        double Exponent(double factor) => Math.Log(factor) / Math.Log(size);
        var dense = Factor(from.Dense, to.Dense);
        var keyword = Factor(from.Keyword, to.Keyword);
        var hybrid = Factor(from.Hybrid, to.Hybrid);
        var bare = Factor(from.BareScan, to.BareScan);
        return new QueryGrowth(
            from.Chunks, to.Chunks, size, dense, Exponent(dense), keyword, Exponent(keyword), hybrid, Exponent(hybrid), bare, Exponent(bare));
    }
}

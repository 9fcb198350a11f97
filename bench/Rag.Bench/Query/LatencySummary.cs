namespace Rag.Bench.Query;

/// <summary>Latency of one kind of query over all measured queries, in milliseconds.</summary>
public sealed record LatencySummary(int Queries, double P50Ms, double P95Ms, double P99Ms, double MeanMs, double MinMs, double MaxMs)
{
    /// <summary>Summarises <paramref name="millis"/> (one sample per query).</summary>
    public static LatencySummary Of(IReadOnlyCollection<double> millis)
    {
        ArgumentNullException.ThrowIfNull(millis);
        var sorted = millis.ToArray();
        Array.Sort(sorted);
        return new LatencySummary(
            sorted.Length,
            Percentiles.OfSorted(sorted, 50),
            Percentiles.OfSorted(sorted, 95),
            Percentiles.OfSorted(sorted, 99),
            sorted.Average(),
            sorted[0],
            sorted[^1]);
    }
}

namespace Rag.Bench.Query;

/// <summary>Order statistics of measured samples: linear interpolation between closest ranks (numpy's default, Hyndman-Fan type 7).</summary>
public static class Percentiles
{
    /// <summary>The <paramref name="percentile"/>-th percentile (0-100) of <paramref name="samples"/>, which need not be sorted.</summary>
    public static double Of(IReadOnlyCollection<double> samples, double percentile)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sorted = samples.ToArray();
        Array.Sort(sorted);
        return OfSorted(sorted, percentile);
    }

    /// <summary>As <see cref="Of"/>, for samples already sorted ascending.</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double percentile)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("No samples.", nameof(sorted));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var rank = percentile / 100 * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((rank - lower) * (sorted[upper] - sorted[lower]));
    }

    /// <summary>The median (50th percentile).</summary>
    public static double Median(IReadOnlyCollection<double> samples) => Of(samples, 50);
}

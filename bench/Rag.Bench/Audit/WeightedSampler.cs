namespace Rag.Bench.Audit;

/// <summary>Draws indexes 0..n-1 with fixed relative weights (cumulative sums and a binary search).</summary>
public sealed class WeightedSampler
{
    private readonly double[] _cumulative;

    /// <summary>Creates a sampler over <paramref name="weights"/> (each ≥ 0, at least one &gt; 0).</summary>
    public WeightedSampler(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new ArgumentException("At least one weight is required.", nameof(weights));
        }

        _cumulative = new double[weights.Count];
        var sum = 0d;
        for (var i = 0; i < weights.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(weights[i], nameof(weights));
            sum += weights[i];
            _cumulative[i] = sum;
        }

        if (sum <= 0)
        {
            throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        }
    }

    /// <summary>Number of choices.</summary>
    public int Count => _cumulative.Length;

    /// <summary>A sampler whose item of rank r (0-based) has weight 1 / (r + 1)^<paramref name="exponent"/>.</summary>
    public static WeightedSampler Zipf(int count, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return new WeightedSampler(Enumerable.Range(1, count).Select(rank => 1d / Math.Pow(rank, exponent)).ToArray());
    }

    /// <summary>The next index.</summary>
    public int Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        index = index < 0 ? ~index : index + 1; // an exact hit on a boundary belongs to the next bucket
        while (index < _cumulative.Length - 1 && _cumulative[index] == (index == 0 ? 0 : _cumulative[index - 1]))
        {
            index++; // skip zero-weight items
        }

        return Math.Min(index, _cumulative.Length - 1);
    }
}

namespace Rag.Bench.Embed;

/// <summary>What <see cref="EmbedBenchmark"/> measures.</summary>
/// <param name="BatchSizes">Inputs per call; each size is measured on the same chunks.</param>
/// <param name="Repetitions">Timed passes over all chunks per batch size and path; the median is reported.</param>
/// <param name="Warmups">Untimed passes per batch size and path before the timed ones.</param>
/// <param name="Target">The full stack's throughput must reach this fraction of the bare loop's.</param>
public sealed record EmbedBenchOptions(IReadOnlyList<int> BatchSizes, int Repetitions = 5, int Warmups = 1, double Target = 0.9)
{
    /// <summary>The batch sizes of the issue: 1, 8, 32 and 128.</summary>
    public static IReadOnlyList<int> DefaultBatchSizes { get; } = [1, 8, 32, 128];
}

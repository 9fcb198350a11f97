using Rag.Bench.Query;

namespace Rag.Bench.Generate;

/// <summary>Medians over the timed runs of one path on one prompt.</summary>
/// <param name="MedianFirstTokenMs">Time from the call to the first token (the client: to its first text update).</param>
/// <param name="MedianDecodeTokensPerSecond">Tokens after the first / time after the first: the per-token speed once the prompt is in.</param>
/// <param name="MedianTotalMs">Time from the call to the last token (the client: to the end of the stream).</param>
/// <param name="MedianTokensPerSecond">Generated tokens / total time, prompt processing included.</param>
/// <param name="AllocatedBytesPerToken">Managed bytes allocated by the whole process during the timed runs, per generated token (ONNX Runtime's native memory is not managed).</param>
/// <param name="FirstTokenMs">Every timed run's time to first token, in order.</param>
/// <param name="TotalMs">Every timed run's total time, in order.</param>
public sealed record GeneratePathTiming(
    double MedianFirstTokenMs,
    double MedianDecodeTokensPerSecond,
    double MedianTotalMs,
    double MedianTokensPerSecond,
    double AllocatedBytesPerToken,
    IReadOnlyList<double> FirstTokenMs,
    IReadOnlyList<double> TotalMs)
{
    /// <summary>Summarizes <paramref name="samples"/>, each of which generated <paramref name="tokens"/> tokens.</summary>
    internal static GeneratePathTiming From(IReadOnlyList<GenerateSample> samples, int tokens)
    {
        ArgumentOutOfRangeException.ThrowIfZero(samples.Count);
        var first = samples.Select(s => s.FirstTokenSeconds * 1000).ToList();
        var total = samples.Select(s => s.TotalSeconds * 1000).ToList();
        var decode = samples.Select(s => s.DecodeTokens / (s.TotalSeconds - s.FirstTokenSeconds)).ToList();
        var medianTotal = Percentiles.Median(total);
        return new GeneratePathTiming(
            Percentiles.Median(first),
            Percentiles.Median(decode),
            medianTotal,
            tokens / (medianTotal / 1000),
            (double)samples.Sum(s => s.AllocatedBytes) / ((long)tokens * samples.Count),
            first,
            total);
    }
}

namespace Rag.Bench.Embed;

/// <summary>The full stack against the bare loop at one batch size.</summary>
/// <param name="BatchSize">Inputs per call.</param>
/// <param name="Calls">Calls per pass (the last batch may be short).</param>
/// <param name="FullStack">Text in, <c>IEmbeddingGenerator.GenerateAsync</c>: tokenize, build tensors, run, copy out.</param>
/// <param name="BareLoop">Only <c>InferenceSession.Run</c> on tensors built before timing, same session options.</param>
/// <param name="Ratio">Full-stack throughput / bare-loop throughput.</param>
/// <param name="MeetsTarget">Whether <paramref name="Ratio"/> reaches the target.</param>
/// <param name="PeakWorkingSetBytes">Peak working set of the process while this batch size ran (process-wide when it could not be reset).</param>
/// <param name="PeakIsPerBatchSize">Whether the peak was reset before this batch size.</param>
public sealed record EmbedBatchResult(
    int BatchSize,
    int Calls,
    EmbedThroughput FullStack,
    EmbedThroughput BareLoop,
    double Ratio,
    bool MeetsTarget,
    long PeakWorkingSetBytes,
    bool PeakIsPerBatchSize);

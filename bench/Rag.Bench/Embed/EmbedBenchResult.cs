using Rag.Evaluation.Reporting;

namespace Rag.Bench.Embed;

/// <summary>The result file of <c>rag bench embed</c>.</summary>
/// <param name="Benchmark">Always "embed".</param>
/// <param name="Environment">Where it ran.</param>
/// <param name="Parameters">What was measured.</param>
/// <param name="Target">Required full/bare throughput ratio.</param>
/// <param name="AllMeetTarget">Whether every batch size reached <paramref name="Target"/>.</param>
/// <param name="Results">One entry per batch size.</param>
/// <param name="ProcessPeakWorkingSetBytes">Peak working set of the process over the whole run, as far as the last reset allows.</param>
public sealed record EmbedBenchResult(
    string Benchmark,
    RunEnvironment Environment,
    EmbedBenchParameters Parameters,
    double Target,
    bool AllMeetTarget,
    IReadOnlyList<EmbedBatchResult> Results,
    long ProcessPeakWorkingSetBytes);

using Rag.Evaluation.Reporting;

namespace Rag.Bench.Generate;

/// <summary>The result file of <c>rag bench generate</c>.</summary>
/// <param name="Benchmark">Always "generate".</param>
/// <param name="Environment">Where it ran.</param>
/// <param name="Parameters">What was measured.</param>
/// <param name="Target">Required client/bare decode-speed ratio.</param>
/// <param name="AllMeetTarget">Whether every model and prompt reached <paramref name="Target"/>.</param>
/// <param name="AllIdenticalIds">Whether every path produced the same tokens everywhere (a run that finds a difference fails instead).</param>
/// <param name="Models">One entry per model.</param>
public sealed record GenerateBenchResult(
    string Benchmark,
    RunEnvironment Environment,
    GenerateBenchParameters Parameters,
    double Target,
    bool AllMeetTarget,
    bool AllIdenticalIds,
    IReadOnlyList<GenerateModelResult> Models);

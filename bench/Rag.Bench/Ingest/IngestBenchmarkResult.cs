using Rag.Evaluation.Reporting;

namespace Rag.Bench.Ingest;

/// <summary>The result file of <c>rag bench ingest</c>.</summary>
/// <param name="Benchmark">Always "ingest".</param>
/// <param name="Environment">Machine, runtime and commit.</param>
/// <param name="Parameters">Corpus and settings.</param>
/// <param name="Stages">Each stage alone, in pipeline order.</param>
/// <param name="EndToEnd">The whole pipeline.</param>
/// <param name="Ceiling">The slowest stage alone.</param>
/// <param name="SumOfStagesSeconds">The stages' times added up: what a pipeline without any overlap would take.</param>
/// <param name="Ratio">End-to-end throughput / ceiling throughput.</param>
/// <param name="Target">The ratio required.</param>
/// <param name="MeetsTarget">Whether <paramref name="Ratio"/> reaches <paramref name="Target"/>.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set over the whole run (the OS's high-water mark).</param>
public sealed record IngestBenchmarkResult(
    string Benchmark,
    RunEnvironment Environment,
    IngestBenchmarkParameters Parameters,
    IReadOnlyList<StageMeasurement> Stages,
    StageMeasurement EndToEnd,
    IngestCeiling Ceiling,
    double SumOfStagesSeconds,
    double Ratio,
    double Target,
    bool MeetsTarget,
    long PeakWorkingSetBytes);

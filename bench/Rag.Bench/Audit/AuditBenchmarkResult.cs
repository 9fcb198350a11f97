using Rag.Bench.Query;
using Rag.Evaluation.Reporting;

namespace Rag.Bench.Audit;

/// <summary>The result file of <c>rag bench audit</c>.</summary>
/// <param name="Benchmark">Always "audit".</param>
/// <param name="Environment">Where it ran.</param>
/// <param name="Parameters">What was measured.</param>
/// <param name="Fill">Batched appends of the synthetic trail.</param>
/// <param name="Append">Single-record appends on the full log.</param>
/// <param name="Storage">Size on disk.</param>
/// <param name="Verify">Full verification.</param>
/// <param name="Queries">One entry per query shape.</param>
/// <param name="QueryOverall">All timed queries of every shape together.</param>
/// <param name="Targets">The targets, met or not.</param>
public sealed record AuditBenchmarkResult(
    string Benchmark,
    RunEnvironment Environment,
    AuditBenchmarkParameters Parameters,
    AuditFillResult Fill,
    AuditAppendResult Append,
    AuditStorageResult Storage,
    AuditVerifyResult Verify,
    IReadOnlyList<AuditQueryShapeResult> Queries,
    LatencySummary QueryOverall,
    AuditBenchmarkTargets Targets);

using Rag.Evaluation.Reporting;

namespace Rag.Bench.Query;

/// <summary>The result file of <c>rag bench query</c>.</summary>
/// <param name="Benchmark">Always "query".</param>
/// <param name="Environment">Where it ran.</param>
/// <param name="Parameters">What was measured.</param>
/// <param name="Sizes">One entry per index size, ascending.</param>
/// <param name="Growth">p50 growth between consecutive sizes.</param>
/// <param name="PeakWorkingSetBytes">Peak working set of the process over the run.</param>
/// <param name="KeywordFilter">Keyword search for a term filling an unreadable set vs a control term (issue 12).</param>
public sealed record QueryBenchResult(
    string Benchmark,
    RunEnvironment Environment,
    QueryBenchParameters Parameters,
    IReadOnlyList<QuerySizeResult> Sizes,
    IReadOnlyList<QueryGrowth> Growth,
    long PeakWorkingSetBytes,
    KeywordFilterResult KeywordFilter);

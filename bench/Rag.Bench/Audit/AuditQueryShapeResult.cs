using Rag.Bench.Query;

namespace Rag.Bench.Audit;

/// <summary>Latency of one query shape.</summary>
/// <param name="Shape">The shape's name (<see cref="AuditQueryShape.Name"/>).</param>
/// <param name="Description">What it filters by.</param>
/// <param name="Latency">Latency of the timed page of each query.</param>
/// <param name="MeanRecords">Records returned by the timed page, on average.</param>
/// <param name="EmptyPages">Timed pages that returned nothing.</param>
public sealed record AuditQueryShapeResult(string Shape, string Description, LatencySummary Latency, double MeanRecords, int EmptyPages);

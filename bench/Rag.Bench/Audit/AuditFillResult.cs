using Rag.Bench.Query;

namespace Rag.Bench.Audit;

/// <summary>Writing the synthetic trail with batched appends.</summary>
/// <param name="Records">Records written.</param>
/// <param name="Batches">Batched appends (one transaction and one fully synced commit each).</param>
/// <param name="Seconds">Time inside the appends (generating the events is not counted).</param>
/// <param name="WallSeconds">Time of the whole fill, generation included.</param>
/// <param name="RecordsPerSecond">Records / seconds.</param>
/// <param name="Batch">Latency of one batched append.</param>
/// <param name="RecordsByAction">How many records of each action were written.</param>
public sealed record AuditFillResult(
    int Records,
    int Batches,
    double Seconds,
    double WallSeconds,
    double RecordsPerSecond,
    LatencySummary Batch,
    IReadOnlyDictionary<string, int> RecordsByAction);

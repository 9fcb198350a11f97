using Rag.Bench.Query;

namespace Rag.Bench.Audit;

/// <summary>Single-record appends on the full log: what each question pays per record it writes.</summary>
/// <param name="Appends">Timed single-record appends.</param>
/// <param name="Latency">Latency of one append (one transaction, fully synced commit).</param>
/// <param name="Checkpoint">Latency of an explicit checkpoint (sign the head, append and sync the checkpoint file), taken every 50 appends.</param>
public sealed record AuditAppendResult(int Appends, LatencySummary Latency, LatencySummary Checkpoint);

namespace Rag.Bench.Audit;

/// <summary>A full verification: every record's hash and link recomputed, every checkpoint's signature checked.</summary>
/// <param name="Intact">The report found no damage (the benchmark fails otherwise).</param>
/// <param name="Seconds">Reading the checkpoint file, the key and the whole chain, and checking them.</param>
/// <param name="TargetIndexSeconds">Then checking the target index against the records (<c>SqliteAuditLog.CheckTargetIndexAsync</c>, part of <c>rag audit verify</c>).</param>
/// <param name="RecordsChecked">Records recomputed.</param>
/// <param name="RecordsPerSecond">Records checked / seconds.</param>
/// <param name="SecondsPerMillionRecords">Seconds scaled to 1M records (the target's size).</param>
/// <param name="CheckpointsChecked">Checkpoint signatures checked.</param>
/// <param name="CheckpointsMatched">Checkpoints whose head hash matched the chain.</param>
/// <param name="UncoveredRecords">Records after the last checkpoint.</param>
/// <param name="WorkingSetBeforeBytes">Working set just before verification.</param>
/// <param name="PeakWorkingSetBytes">Peak working set during verification (process-wide when <paramref name="PeakReset"/> is false).</param>
/// <param name="PeakReset">Whether the peak could be reset before verification (Linux only).</param>
public sealed record AuditVerifyResult(
    bool Intact,
    double Seconds,
    double TargetIndexSeconds,
    long RecordsChecked,
    double RecordsPerSecond,
    double SecondsPerMillionRecords,
    int CheckpointsChecked,
    int CheckpointsMatched,
    long UncoveredRecords,
    long WorkingSetBeforeBytes,
    long PeakWorkingSetBytes,
    bool PeakReset);

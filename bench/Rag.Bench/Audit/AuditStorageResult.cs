namespace Rag.Bench.Audit;

/// <summary>What the trail takes on disk once the writer is closed.</summary>
/// <param name="Records">Records in the log.</param>
/// <param name="DatabaseBytes">audit.db (and any -wal / -shm beside it).</param>
/// <param name="BytesPerRecord">Database bytes / records.</param>
/// <param name="Checkpoints">Lines in the checkpoint file.</param>
/// <param name="CheckpointFileBytes">Size of the checkpoint file.</param>
public sealed record AuditStorageResult(long Records, long DatabaseBytes, double BytesPerRecord, int Checkpoints, long CheckpointFileBytes);

namespace Rag.Core.Ingestion;

/// <summary>
/// The durable ingestion queue (a job store), kept in the metadata database so that several worker processes (and the command
/// line) share it. One job per document file. A job is claimed under a lease that its worker renews with heartbeats;
/// a crashed worker's lease expires and the job is claimed again. At most one worker holds a job at a time.
/// </summary>
/// <remarks>
/// Implementations: SQLite (embedded default) and, later, PostgreSQL; both pass the same contract suite in
/// tests/Rag.Testing. Every method is safe to call from several processes at once.
/// </remarks>
public interface IIngestJobStore
{
    /// <summary>
    /// Adds jobs, one per file, and returns them in the order given. A file (same set and relative path) that already
    /// has a job waiting or running is not queued twice: its existing job is returned. A file whose last job failed
    /// after its last attempt, and whose content hash has not changed, is returned as that failed job (it stays failed
    /// until the file changes); pass a different hash to queue it again.
    /// </summary>
    Task<IReadOnlyList<IngestJob>> EnqueueAsync(IReadOnlyList<IngestJobRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the oldest job that is queued and due, or whose lease has expired, for <paramref name="workerId"/>;
    /// counts an attempt; null when there is none. The claimed job is <see cref="IngestJobState.Parsing"/>. A job whose
    /// lease expired after its last allowed attempt (its worker died on it every time) is parked as failed instead.
    /// Claims run in one write transaction, so two processes never claim the same job.
    /// </summary>
    Task<IngestJob?> ClaimAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Renews the lease and records progress. Returns false when the worker no longer holds the job (its lease expired
    /// and another worker took it): the caller must then abandon the job without writing anything.
    /// </summary>
    Task<bool> HeartbeatAsync(long jobId, string workerId, TimeSpan lease, IngestJobProgress progress, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="HeartbeatAsync"/>, and moves the held job to <paramref name="state"/> (<see cref="IngestJobState.Parsing"/>
    /// or <see cref="IngestJobState.Embedding"/>). Returns false (and changes nothing) when the worker no longer holds the job.
    /// </summary>
    Task<bool> ReportAsync(long jobId, string workerId, IngestJobState state, TimeSpan lease, IngestJobProgress progress, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the job with <paramref name="outcome"/>. A retryable failure with attempts left puts the job back in the queue,
    /// due after <see cref="IngestJobOutcome.RetryAfter"/>; otherwise it stays failed with its reason. Returns false
    /// (and changes nothing) when the worker no longer holds the job.
    /// </summary>
    Task<bool> CompleteAsync(long jobId, string workerId, IngestJobOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>Gives a held job back to the queue, due at once (graceful shutdown), without counting the attempt. Does nothing when the worker no longer holds it.</summary>
    Task ReleaseAsync(long jobId, string workerId, CancellationToken cancellationToken = default);

    /// <summary>Jobs matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<IngestJob>> ListAsync(IngestJobQuery query, CancellationToken cancellationToken = default);

    /// <summary>Records that a worker is alive (and what it embeds with); called at start and periodically.</summary>
    Task WorkerHeartbeatAsync(IngestWorkerInfo worker, CancellationToken cancellationToken = default);

    /// <summary>Workers whose last heartbeat is younger than <paramref name="within"/>.</summary>
    Task<IReadOnlyList<IngestWorkerInfo>> LiveWorkersAsync(TimeSpan within, CancellationToken cancellationToken = default);
}

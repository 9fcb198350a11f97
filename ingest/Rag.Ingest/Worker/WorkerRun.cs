namespace Rag.Ingest.Worker;

/// <summary>The state of one run of a worker: the jobs it holds, the signal that wakes its idle claimer, who hears results.</summary>
internal sealed class WorkerRun(JobLeases leases, SemaphoreSlim wake, Action<JobResult>? onResult)
{
    public JobLeases Leases { get; } = leases;

    public SemaphoreSlim Wake { get; } = wake;

    /// <summary>A job of this run ended: tell the listener and wake the claimer (the work it waits for may be done).</summary>
    public void Ended(JobResult? result)
    {
        if (result is not null)
        {
            onResult?.Invoke(result);
        }

        Wake.Release();
    }
}

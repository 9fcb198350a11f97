using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Rag.Core.Ingestion;

namespace Rag.Ingest.Worker;

/// <summary>
/// The jobs one worker run holds, and the loop that renews their leases: every heartbeat interval, one heartbeat per held
/// job carries its state and progress (so progress is written at most that often, however fast it moves). A heartbeat the
/// store refuses marks the job lost: its stages then drop it without writing.
/// </summary>
internal sealed partial class JobLeases(IIngestJobStore store, string workerId, IngestWorkerOptions options, TimeProvider time, ILogger logger)
{
    private readonly ConcurrentDictionary<long, HeldJob> _held = new();

    public HeldJob Add(IngestJob job)
    {
        var held = new HeldJob(job);
        _held[job.JobId] = held;
        return held;
    }

    public void Remove(HeldJob held) => _held.TryRemove(held.Job.JobId, out _);

    /// <summary>The jobs still held (to release them when the run stops).</summary>
    public IReadOnlyList<HeldJob> Held => [.. _held.Values];

    /// <summary>Renews the held jobs' leases until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task KeepAsync(Func<CancellationToken, Task> workerHeartbeat, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.HeartbeatInterval, time, cancellationToken);
                await workerHeartbeat(cancellationToken);
                foreach (var held in Held)
                {
                    await RenewAsync(held, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A busy or briefly unreachable database: the lease is long enough for the next try.
                LogHeartbeatFailed(logger, ex.GetType().Name);
            }
        }
    }

    /// <summary>Sends one heartbeat for <paramref name="held"/> now (state changes, and just before writing); false when the job is lost.</summary>
    public async Task<bool> RenewAsync(HeldJob held, CancellationToken cancellationToken)
    {
        if (held.Lost)
        {
            return false;
        }

        if (!await store.ReportAsync(held.Job.JobId, workerId, held.State, options.LeaseDuration, held.Progress, cancellationToken))
        {
            held.MarkLost();
            return false;
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the ingestion job leases failed ({ErrorType}); retrying at the next heartbeat")]
    private static partial void LogHeartbeatFailed(ILogger logger, string errorType);
}

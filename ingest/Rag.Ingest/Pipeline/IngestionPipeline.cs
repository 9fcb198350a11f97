using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Rag.Core.Ingestion;
using Microsoft.Extensions.Options;
using Rag.Ingest.Worker;

namespace Rag.Ingest.Pipeline;

/// <summary>
/// Ingestion as one call, for the single-machine case and existing callers: queues the request's files
/// (<see cref="IngestJobEnqueuer"/>), then runs an <see cref="IngestWorker"/> in this process until they are done (any
/// other worker sharing the queue may take some of them), yielding one <see cref="IngestionResult"/> per file as it ends.
/// A failed file never removes what was indexed before.
/// </summary>
public sealed class IngestionPipeline(IngestJobEnqueuer enqueuer, IngestWorker worker, IIngestJobStore store, IOptions<IngestWorkerOptions> workerOptions)
{
    private static readonly IReadOnlyList<IngestJobState> Unfinished = [IngestJobState.Queued, IngestJobState.Parsing, IngestJobState.Embedding];
    private static readonly TimeSpan QueuePollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Ingests the request's files; yields one result per file as it completes.</summary>
    public async IAsyncEnumerable<IngestionResult> IngestAsync(
        IngestionRequest request,
        IProgress<IngestionProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var batch = await enqueuer.EnqueueAsync(request, cancellationToken);
        await foreach (var result in CompleteAsync(batch, progress, cancellationToken))
        {
            yield return result;
        }
    }

    /// <summary>The id of the worker this process runs when no other worker is alive.</summary>
    public string InProcessWorkerId => worker.WorkerId;

    /// <summary>
    /// Other worker processes that sent a heartbeat within three heartbeat intervals. A worker of this process (one that
    /// ran an earlier batch) or of a process on this machine that has exited is not alive, though its last heartbeat is recent.
    /// </summary>
    public async Task<IReadOnlyList<IngestWorkerInfo>> LiveWorkersAsync(CancellationToken cancellationToken = default)
    {
        var workers = await store.LiveWorkersAsync(workerOptions.Value.HeartbeatInterval * 3, cancellationToken);
        return [.. workers.Where(w => !string.Equals(w.Host, Environment.MachineName, StringComparison.Ordinal) || (w.ProcessId != Environment.ProcessId && ProcessExists(w.ProcessId)))];
    }

    private static bool ProcessExists(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Waits for a batch queued by <see cref="IngestJobEnqueuer"/> to end; yields one result per file as it ends. While
    /// another worker is alive (<see cref="LiveWorkersAsync"/>) the queue is only polled; when none is (or none is left),
    /// an <see cref="IngestWorker"/> runs in this process until the batch is done.
    /// </summary>
    public async IAsyncEnumerable<IngestionResult> CompleteAsync(
        EnqueuedBatch batch,
        IProgress<IngestionProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var clock = Stopwatch.StartNew();
        var total = batch.Jobs.Count + batch.Skipped.Count;
        var results = Channel.CreateUnbounded<IngestionResult>();
        foreach (var entry in batch.Skipped)
        {
            results.Writer.TryWrite(new IngestionResult(entry.Path, null, IngestionStatus.Skipped, 0, 0, entry.Reason, TimeSpan.Zero));
        }

        // A file that failed and has not changed is not tried again: its job is returned failed, with its reason.
        var waiting = new HashSet<long>();
        foreach (var job in batch.Jobs)
        {
            if (job.State == IngestJobState.Failed)
            {
                results.Writer.TryWrite(new IngestionResult(job.Request.FullPath, job.DocumentId, IngestionStatus.Failed, 0, 0, job.Reason, TimeSpan.Zero));
            }
            else
            {
                waiting.Add(job.JobId);
            }
        }

        var ended = new HashSet<long>();
        var run = RunAsync(waiting, ended, results.Writer, cancellationToken);
        int done = 0, pages = 0, chunks = 0;
        await foreach (var result in results.Reader.ReadAllAsync(cancellationToken))
        {
            done++;
            pages += result.Pages;
            chunks += result.Status == IngestionStatus.Indexed ? result.Chunks : 0;
            progress?.Report(new IngestionProgress(done, total, pages, chunks, clock.Elapsed));
            yield return result;
        }

        await run;
    }

    private async Task RunAsync(HashSet<long> waiting, HashSet<long> ended, ChannelWriter<IngestionResult> results, CancellationToken cancellationToken)
    {
        try
        {
            if (waiting.Count > 0)
            {
                var ids = waiting.ToList();
                async Task<bool> DoneAsync(CancellationToken token) =>
                    (await store.ListAsync(new IngestJobQuery(States: Unfinished, Limit: 1, JobIds: ids), token)).Count == 0;
                // Another worker process does the work while one is alive; if none is (or it dies), this process works.
                while (!await DoneAsync(cancellationToken))
                {
                    if ((await LiveWorkersAsync(cancellationToken)).Count == 0)
                    {
                        await Task.Run(() => worker.RunUntilAsync(DoneAsync, ended => OnResult(ended), cancellationToken), cancellationToken);
                        break;
                    }

                    await Task.Delay(QueuePollInterval, cancellationToken);
                }

                // Jobs that another worker process ended: their results come from the queue.
                List<long> others;
                lock (ended)
                {
                    others = ids.Where(id => !ended.Contains(id)).ToList();
                }

                if (others.Count > 0)
                {
                    foreach (var job in await store.ListAsync(new IngestJobQuery(JobIds: others, Limit: others.Count), cancellationToken))
                    {
                        results.TryWrite(FromQueue(job));
                    }
                }
            }

            results.TryComplete();
        }
        catch (Exception ex)
        {
            results.TryComplete(ex);
            throw;
        }

        void OnResult(JobResult result)
        {
            if (waiting.Contains(result.JobId))
            {
                lock (ended)
                {
                    ended.Add(result.JobId);
                }

                results.TryWrite(result.Result);
            }
        }
    }

    private static IngestionResult FromQueue(IngestJob job) => job.State switch
    {
        IngestJobState.Indexed => new IngestionResult(job.Request.FullPath, job.DocumentId, IngestionStatus.Indexed, job.Progress.PagesTotal, job.Progress.ChunksTotal, null, job.UpdatedAt - job.CreatedAt),
        IngestJobState.Skipped => new IngestionResult(job.Request.FullPath, null, IngestionStatus.Skipped, 0, 0, job.Reason, TimeSpan.Zero),
        _ => new IngestionResult(job.Request.FullPath, job.DocumentId, IngestionStatus.Failed, 0, 0, job.Reason ?? "not finished", job.UpdatedAt - job.CreatedAt),
    };
}

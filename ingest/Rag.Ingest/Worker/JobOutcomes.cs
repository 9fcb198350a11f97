using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Rag.Core.Audit;
using Rag.Core.Embeddings;
using Rag.Core.Ingestion;
using Rag.Core.Text;
using Rag.Ingest.Pipeline;

namespace Rag.Ingest.Worker;

/// <summary>
/// Ends a worker's jobs: the audit record first (<c>document.indexed</c> before the chunks are written,
/// <c>document.failed</c> before the job is parked as failed), then the job's state in the queue, then the result.
/// </summary>
internal sealed class JobOutcomes(
    IIngestJobStore store, string workerId, IAuditLog audit, EmbeddingModelInfo model, IEmbeddingGenerator<string, Embedding<float>> embedder, IngestWorkerOptions options, ILogger logger)
{
    public Task AuditIndexedAsync(HeldJob held, int chunks, CancellationToken cancellationToken) =>
        audit.AppendAsync(IngestedDocuments.Indexed(held.Document!, chunks, held.Job.Request.Actor, model.ModelId, embedder.GetService<ModelVersion>()?.Value), cancellationToken);

    public async Task IndexedAsync(WorkerRun run, HeldJob held, int chunks, CancellationToken cancellationToken)
    {
        var pages = held.Document!.PageCount;
        await store.CompleteAsync(held.Job.JobId, workerId, new IngestJobOutcome(IngestJobState.Indexed, null, new IngestJobProgress(pages, pages, chunks, chunks), ContentHash: held.ContentHash), cancellationToken);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var shown = TerminalText.Escape(held.Job.Request.FullPath);
            WorkerLog.Indexed(logger, shown, chunks);
        }

        Finish(run, held, "indexed", IngestionStatus.Indexed, pages, chunks, null);
    }

    public async Task EndAsync(WorkerRun run, HeldJob held, JobEnd end, CancellationToken cancellationToken)
    {
        if (end.Status == IngestionStatus.Failed)
        {
            await FailAsync(run, held, end.Reason!, end.Retryable, cancellationToken);
            return;
        }

        var state = end.Status == IngestionStatus.Skipped ? IngestJobState.Skipped : IngestJobState.Indexed;
        await store.CompleteAsync(held.Job.JobId, workerId, new IngestJobOutcome(state, end.Reason, new IngestJobProgress(end.Pages, end.Pages, end.Chunks, end.Chunks), ContentHash: held.ContentHash), cancellationToken);
        Finish(run, held, end.Status == IngestionStatus.Skipped ? "skipped" : "unchanged", end.Status, 0, 0, end.Reason);
    }

    public async Task FailAsync(WorkerRun run, HeldJob held, string reason, bool retryable, CancellationToken cancellationToken)
    {
        var attempt = held.Job.Attempts;
        var last = !retryable || attempt >= options.MaxAttempts;
        var path = held.Job.Request.FullPath;
        if (last)
        {
            // Recorded before the job is parked as failed.
            await audit.AppendAsync(
                new AuditEvent(AuditActions.DocumentFailed, AuditActor.FromId(held.Job.Request.Actor), [held.Job.DocumentId, held.Job.Request.SetName], AuditOutcomes.Failed)
                {
                    Detail = JsonSerializer.Serialize(new { path, reason }),
                },
                cancellationToken);
        }

        var retryAfter = retryable ? options.BackoffAfter(attempt) : (TimeSpan?)null;
        await store.CompleteAsync(held.Job.JobId, workerId, new IngestJobOutcome(IngestJobState.Failed, reason, held.Progress, retryAfter, held.ContentHash), cancellationToken);
        if (!last)
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var (shownPath, shownReason) = (TerminalText.Escape(path), TerminalText.Escape(reason));
                WorkerLog.Retrying(logger, shownPath, shownReason, retryAfter!.Value, attempt, options.MaxAttempts);
            }

            held.Telemetry.Complete("retry");
            run.Leases.Remove(held);
            run.Ended(null);
            return;
        }

        var final = retryable ? $"{reason} (gave up after {attempt} attempts)" : reason;
        if (logger.IsEnabled(LogLevel.Warning))
        {
            var (shownPath, shownReason) = (TerminalText.Escape(path), TerminalText.Escape(final));
            WorkerLog.Failed(logger, shownPath, shownReason);
        }

        Finish(run, held, "failed", IngestionStatus.Failed, 0, 0, final);
    }

    /// <summary>The job was taken by another worker: dropped here without writing anything.</summary>
    public void Abandon(WorkerRun run, HeldJob held)
    {
        WorkerLog.LeaseLost(logger, held.Job.JobId);
        held.Telemetry.Complete("abandoned");
        run.Leases.Remove(held);
        run.Ended(null);
    }

    private static void Finish(WorkerRun run, HeldJob held, string outcome, IngestionStatus status, int pages, int chunks, string? reason)
    {
        held.Telemetry.Complete(outcome);
        run.Leases.Remove(held);
        run.Ended(new JobResult(held.Job.JobId, new IngestionResult(held.Job.Request.FullPath, status == IngestionStatus.Skipped ? null : held.Job.DocumentId, status, pages, chunks, reason, held.Clock.Elapsed)));
    }
}

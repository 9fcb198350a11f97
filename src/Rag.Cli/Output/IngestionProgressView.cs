using System.Diagnostics;
using Rag.Core.Ingestion;
using Rag.Core.Text;
using Rag.Ingest.Pipeline;
using Rag.Ingest.Worker;
using Spectre.Console;

namespace Rag.Cli.Output;

/// <summary>
/// A live progress bar while a queued batch is worked on (by this process or a worker): files, chunks, chunks/s, ETA and
/// the current file with its pages, read from the batch's job rows every 250 ms (<see cref="BatchProgress"/>).
/// </summary>
internal static class IngestionProgressView
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<IReadOnlyList<IngestionResult>> RunAsync(
        IAnsiConsole console, IngestionPipeline pipeline, IIngestJobStore store, EnqueuedBatch batch, CancellationToken cancellationToken)
    {
        var results = new List<IngestionResult>();
        var clock = Stopwatch.StartNew();
        var title = $"[bold]{Markup.Escape(TerminalText.Escape(batch.SetName))}[/]";
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progressContext =>
            {
                var task = progressContext.AddTask($"{title}: queued", maxValue: Math.Max(1, batch.Jobs.Count + batch.Skipped.Count));
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var poll = PollAsync(store, batch, task, title, clock, stop.Token);
                try
                {
                    await foreach (var result in pipeline.CompleteAsync(batch, cancellationToken: cancellationToken))
                    {
                        results.Add(result);
                    }
                }
                finally
                {
                    await stop.CancelAsync();
                    await poll;
                }

                var chunks = results.Where(r => r.Status == IngestionStatus.Indexed).Sum(r => r.Chunks);
                var rate = clock.Elapsed.TotalSeconds > 0 ? chunks / clock.Elapsed.TotalSeconds : 0;
                task.Value = task.MaxValue;
                task.Description = $"{title}: {results.Count}/{results.Count} files, {results.Sum(r => r.Pages)} pages, {chunks} chunks, {rate:F1} chunks/s";
            });
        return results;
    }

    private static async Task PollAsync(IIngestJobStore store, EnqueuedBatch batch, ProgressTask task, string title, Stopwatch clock, CancellationToken cancellationToken)
    {
        var ids = batch.Jobs.Select(j => j.JobId).ToList();
        var query = new IngestJobQuery(JobIds: ids, Limit: Math.Max(1, ids.Count));
        while (!cancellationToken.IsCancellationRequested && ids.Count > 0)
        {
            try
            {
                var progress = BatchProgress.From(await store.ListAsync(query, cancellationToken), batch.Skipped.Count, clock.Elapsed);
                task.Value = progress.FilesDone;
                task.Description = $"{title}: {Markup.Escape(progress.Describe())}";
                await Task.Delay(PollInterval, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}

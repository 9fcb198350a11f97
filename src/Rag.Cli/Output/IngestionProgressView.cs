using Rag.Core.Text;
using Rag.Ingest.Pipeline;
using Spectre.Console;

namespace Rag.Cli.Output;

/// <summary>A live progress bar (files, pages, chunks, chunks/s) while the pipeline runs.</summary>
internal static class IngestionProgressView
{
    public static async Task<IReadOnlyList<IngestionResult>> RunAsync(IAnsiConsole console, IngestionPipeline pipeline, IngestionRequest request, CancellationToken cancellationToken)
    {
        var results = new List<IngestionResult>();
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progressContext =>
            {
                var task = progressContext.AddTask($"[bold]{Markup.Escape(TerminalText.Escape(request.SetName))}[/]: scanning", maxValue: 1);
                var reporter = new Reporter(task, request.SetName);
                await foreach (var result in pipeline.IngestAsync(request, reporter, cancellationToken))
                {
                    results.Add(result);
                }

                task.Value = task.MaxValue;
            });
        return results;
    }

    private sealed class Reporter(ProgressTask task, string setName) : IProgress<IngestionProgress>
    {
        public void Report(IngestionProgress value)
        {
            task.MaxValue = Math.Max(1, value.FilesTotal);
            task.Value = value.FilesDone;
            task.Description = $"[bold]{Markup.Escape(TerminalText.Escape(setName))}[/]: {value.FilesDone}/{value.FilesTotal} files, {value.Pages} pages, {value.Chunks} chunks, {value.ChunksPerSecond:F1} chunks/s";
        }
    }
}

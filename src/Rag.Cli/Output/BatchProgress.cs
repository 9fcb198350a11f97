using System.Globalization;
using Rag.Core.Ingestion;
using Rag.Core.Text;

namespace Rag.Cli.Output;

/// <summary>
/// Where a queued batch stands, read from its job rows: files ended, chunks written, chunks/s, an estimate of the time
/// left, and the file being worked on now with its pages done of total.
/// </summary>
internal sealed record BatchProgress(int FilesDone, int FilesTotal, int Chunks, double ChunksPerSecond, TimeSpan? Remaining, IngestJob? Current)
{
    public static BatchProgress From(IReadOnlyList<IngestJob> jobs, int filesNotQueued, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var done = filesNotQueued + jobs.Count(j => j.State is IngestJobState.Indexed or IngestJobState.Failed or IngestJobState.Skipped);
        var total = filesNotQueued + jobs.Count;
        var chunks = jobs.Sum(j => j.State == IngestJobState.Indexed ? Math.Max(j.Progress.ChunksDone, j.Progress.ChunksTotal) : j.Progress.ChunksDone);
        var current = jobs.Where(j => j.State is IngestJobState.Parsing or IngestJobState.Embedding).MaxBy(j => j.UpdatedAt);

        // The current file counts by the share of its pages done, so a long first file still gets an estimate.
        var worked = jobs.Count(j => j.State is IngestJobState.Indexed or IngestJobState.Failed or IngestJobState.Skipped)
            + (current is { Progress.PagesTotal: > 0 } c ? Math.Min(1.0, (double)c.Progress.PagesDone / c.Progress.PagesTotal) : 0);
        TimeSpan? remaining = worked > 0 ? elapsed * ((jobs.Count - worked) / worked) : null;
        var seconds = elapsed.TotalSeconds;
        return new BatchProgress(done, total, chunks, seconds > 0 ? chunks / seconds : 0, remaining, current);
    }

    /// <summary>One line for the terminal, without markup; file names escaped (<see cref="TerminalText.Escape"/>).</summary>
    public string Describe()
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{FilesDone}/{FilesTotal} files, {Chunks} chunks, {ChunksPerSecond:F1} chunks/s");
        if (Remaining is { } left)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", ETA {(int)left.TotalMinutes}:{left.Seconds:D2}");
        }

        if (Current is { } job)
        {
            var pages = job.Progress.PagesTotal > 0 ? string.Create(CultureInfo.InvariantCulture, $" page {job.Progress.PagesDone}/{job.Progress.PagesTotal}") : string.Empty;
            line += $"; now {TerminalText.Escape(job.Request.RelativePath)}{pages} ({job.State.ToString().ToLowerInvariant()})";
        }

        return line;
    }
}

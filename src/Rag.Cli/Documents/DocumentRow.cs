using Rag.Core.Ingestion;
using Rag.Core.Storage;

namespace Rag.Cli.Documents;

/// <summary>
/// One document as <c>documents list|show</c> print it: its catalog entry (when indexed) and its latest job (when the
/// queue knows it), so a file that failed or was skipped shows with its reason.
/// </summary>
internal sealed record DocumentRow(string DocumentId, string SetName, string RelativePath, DocumentEntry? Entry, IngestJob? Job)
{
    public string FileName => Path.GetFileName(RelativePath);

    /// <summary>The job's state while it is waiting or running, or when its last attempt failed or skipped; else indexed.</summary>
    public string State => Job is { } job && (Entry is null || job.State != IngestJobState.Indexed)
        ? job.State.ToString().ToLowerInvariant()
        : "indexed";

    public int Pages => Entry?.Document.PageCount ?? Job?.Progress.PagesTotal ?? 0;

    public int Chunks => Entry?.Chunks ?? 0;

    public string? Reason => Job?.State is IngestJobState.Failed or IngestJobState.Skipped or IngestJobState.Queued ? Job.Reason : null;
}

using Rag.Core.Ingestion;

namespace Rag.Web.Workspaces.Documents;

/// <summary>
/// One document of a set as the Documents page shows it: what the catalog holds (when indexed) and what its latest
/// job says (while queued, parsing or embedding, or when it failed or was skipped, with the reason).
/// </summary>
/// <param name="DocumentId">The document id.</param>
/// <param name="SetName">Its set.</param>
/// <param name="RelativePath">Its path in the set (for an upload, the file name).</param>
/// <param name="Title">Its title, once indexed.</param>
/// <param name="State">Queued, parsing, embedding, indexed, failed or skipped.</param>
/// <param name="Reason">Why it failed or was skipped, or why its last attempt failed while it waits for a retry.</param>
/// <param name="Pages">Pages (0 for formats without pages).</param>
/// <param name="Chunks">Chunks indexed.</param>
/// <param name="Progress">The running job's progress, as last reported.</param>
/// <param name="Indexed">True when a version of it is searchable (even while a newer one is being read).</param>
/// <param name="UpdatedAt">When its job or catalog entry last changed.</param>
internal sealed record DocumentStateRow(
    string DocumentId,
    string SetName,
    string RelativePath,
    string? Title,
    IngestJobState State,
    string? Reason,
    int Pages,
    int Chunks,
    IngestJobProgress Progress,
    bool Indexed,
    DateTimeOffset UpdatedAt)
{
    public string FileName => Path.GetFileName(RelativePath);
}

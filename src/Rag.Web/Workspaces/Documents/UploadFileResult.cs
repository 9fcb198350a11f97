using Rag.Core.Ingestion;

namespace Rag.Web.Workspaces.Documents;

/// <summary>What became of one uploaded file.</summary>
/// <param name="Name">The file's name as sent.</param>
/// <param name="Accepted">True when it was stored and its job queued.</param>
/// <param name="Reason">Why it was refused (null when accepted); reads after "refused: ".</param>
/// <param name="DocumentId">The document it became (null when refused).</param>
/// <param name="State">Its job's state right after queueing (a file that failed before and has not changed stays failed).</param>
internal sealed record UploadFileResult(string Name, bool Accepted, string? Reason, string? DocumentId = null, IngestJobState? State = null)
{
    public static UploadFileResult Refused(string name, string reason) => new(name, false, reason);
}

namespace Rag.Core.Ingestion;

/// <summary>One document's job and its visible state.</summary>
/// <param name="JobId">Queue id.</param>
/// <param name="Request">What was asked.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Attempts">Attempts started so far.</param>
/// <param name="Reason">Why it failed or was skipped (or why its last attempt failed, while queued for a retry).</param>
/// <param name="Progress">Pages and chunks done, as last reported.</param>
/// <param name="WorkerId">Worker holding it, while parsing or embedding.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="DocumentId">Its document id.</param>
public sealed record IngestJob(
    long JobId,
    IngestJobRequest Request,
    IngestJobState State,
    int Attempts,
    string? Reason,
    IngestJobProgress Progress,
    string? WorkerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string DocumentId);

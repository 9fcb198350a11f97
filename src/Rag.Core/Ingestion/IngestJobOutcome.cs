namespace Rag.Core.Ingestion;

/// <summary>How an attempt at a job ended.</summary>
/// <param name="State">Indexed, Failed or Skipped.</param>
/// <param name="Reason">Why it failed or was skipped.</param>
/// <param name="Progress">Final pages and chunks.</param>
/// <param name="RetryAfter">For a failure that may pass (a dead dependency, a busy database): when to try again, if attempts are left; null for a failure that will not pass (a malformed file, a parser crash after the last attempt).</param>
/// <param name="ContentHash">SHA-256 of the file as the worker read it (null when not read): a failed job keeps it, so the same file is not queued again until it changes.</param>
public sealed record IngestJobOutcome(IngestJobState State, string? Reason, IngestJobProgress Progress, TimeSpan? RetryAfter = null, string? ContentHash = null);

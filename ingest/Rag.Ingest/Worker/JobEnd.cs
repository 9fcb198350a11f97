using Rag.Ingest.Pipeline;

namespace Rag.Ingest.Worker;

/// <summary>A job the read step ended before embedding: skipped, unchanged since it was indexed, or failed.</summary>
/// <param name="Status">Skipped, Unchanged or Failed.</param>
/// <param name="Reason">Why it was skipped or failed.</param>
/// <param name="Retryable">For a failure: whether it may pass (then it is retried while attempts are left).</param>
/// <param name="Pages">Pages of the indexed version, for an unchanged document.</param>
/// <param name="Chunks">Chunks of the indexed version, for an unchanged document.</param>
internal sealed record JobEnd(IngestionStatus Status, string? Reason, bool Retryable = false, int Pages = 0, int Chunks = 0);

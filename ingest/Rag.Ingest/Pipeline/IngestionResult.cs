namespace Rag.Ingest.Pipeline;

/// <summary>The outcome for one file.</summary>
/// <param name="Path">The file.</param>
/// <param name="DocumentId">Its document id (null when skipped before one was assigned).</param>
/// <param name="Status">How it ended.</param>
/// <param name="Pages">Pages read (0 for formats without pages).</param>
/// <param name="Chunks">Chunks written.</param>
/// <param name="Reason">Why it failed or was skipped.</param>
/// <param name="Elapsed">Time spent on the file.</param>
public sealed record IngestionResult(string Path, string? DocumentId, IngestionStatus Status, int Pages, int Chunks, string? Reason, TimeSpan Elapsed);

namespace Rag.Ingest.Pipeline;

/// <summary>An entry of an ingested folder that was not read, and why.</summary>
/// <param name="Path">The entry's full path.</param>
/// <param name="Reason">Why it was not read, in words for the summary.</param>
public sealed record SkippedPath(string Path, string Reason);

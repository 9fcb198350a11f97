namespace Rag.Ingest.Pipeline;

/// <summary>What to ingest.</summary>
/// <param name="Paths">Files and folders (folders are read recursively).</param>
/// <param name="SetName">Document set to put them in.</param>
/// <param name="Groups">Groups allowed to read the set; null keeps the existing set's groups (a new set needs groups).</param>
/// <param name="Actor">Who started the ingestion, for the audit trail.</param>
public sealed record IngestionRequest(IReadOnlyList<string> Paths, string SetName, IReadOnlyList<string>? Groups, string Actor);

namespace Rag.Core.Ingestion;

/// <summary>A file to ingest.</summary>
/// <param name="SetName">Document set (already normalised by the NameKey rule).</param>
/// <param name="FullPath">Absolute path of the file.</param>
/// <param name="RelativePath">Path relative to the ingested folder ('/'-separated); with the set it identifies the document.</param>
/// <param name="ContentHash">SHA-256 of the file when queued, or null when not known yet.</param>
/// <param name="Actor">Who asked for it (audit actor id).</param>
/// <param name="BatchId">Groups the jobs of one <c>ingest</c> command, so it can wait for them and show their progress.</param>
public sealed record IngestJobRequest(string SetName, string FullPath, string RelativePath, string? ContentHash, string Actor, string BatchId);

using Rag.Ingest.Pipeline;

namespace Rag.Ingest.Worker;

/// <summary>How a worker ended one job (one result per document; a job put back for a retry has none yet).</summary>
/// <param name="JobId">The job.</param>
/// <param name="Result">The document's outcome.</param>
public sealed record JobResult(long JobId, IngestionResult Result);

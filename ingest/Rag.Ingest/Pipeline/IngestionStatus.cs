namespace Rag.Ingest.Pipeline;

/// <summary>How one file's ingestion ended.</summary>
public enum IngestionStatus
{
    /// <summary>Read, chunked, embedded and stored (new or changed).</summary>
    Indexed,

    /// <summary>Already indexed with the same content; no work done.</summary>
    Unchanged,

    /// <summary>Not a supported file type; reported, not silently dropped.</summary>
    Skipped,

    /// <summary>Could not be ingested; <see cref="IngestionResult.Reason"/> says why. Nothing already indexed was lost.</summary>
    Failed,
}

namespace Rag.Core.Ingestion;

/// <summary>Where a document's job stands: queued → parsing → embedding → indexed | failed | skipped.</summary>
public enum IngestJobState
{
    /// <summary>Waiting for a worker (also after a retryable failure, until it is due again).</summary>
    Queued,

    /// <summary>A worker is reading it.</summary>
    Parsing,

    /// <summary>A worker is embedding and writing its chunks.</summary>
    Embedding,

    /// <summary>Searchable (new, changed, or unchanged since it was last indexed).</summary>
    Indexed,

    /// <summary>Could not be ingested; the reason says why. Nothing indexed before was lost.</summary>
    Failed,

    /// <summary>Not ingested on purpose (unsupported type, not a regular file ...); the reason says why.</summary>
    Skipped,
}

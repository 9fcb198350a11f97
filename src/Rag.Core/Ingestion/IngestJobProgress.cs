namespace Rag.Core.Ingestion;

/// <summary>Progress of one document.</summary>
/// <param name="PagesDone">Pages done (0 for formats without pages).</param>
/// <param name="PagesTotal">Pages in the document, once known.</param>
/// <param name="ChunksDone">Chunks embedded so far (when indexed: chunks written).</param>
/// <param name="ChunksTotal">Chunks in the document, once known.</param>
public sealed record IngestJobProgress(int PagesDone, int PagesTotal, int ChunksDone, int ChunksTotal)
{
    /// <summary>Nothing done yet.</summary>
    public static IngestJobProgress None { get; } = new(0, 0, 0, 0);
}

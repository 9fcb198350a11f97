namespace Rag.Ingest.Pipeline;

/// <summary>Running totals reported while ingesting.</summary>
public sealed record IngestionProgress(int FilesDone, int FilesTotal, int Pages, int Chunks, TimeSpan Elapsed)
{
    /// <summary>Chunks written per second so far.</summary>
    public double ChunksPerSecond => Elapsed.TotalSeconds > 0 ? Chunks / Elapsed.TotalSeconds : 0;
}

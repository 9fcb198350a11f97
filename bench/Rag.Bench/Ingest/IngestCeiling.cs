namespace Rag.Bench.Ingest;

/// <summary>The ceiling of the end-to-end run: the throughput of the slowest stage alone.</summary>
/// <param name="Stage">The slowest stage.</param>
/// <param name="PagesPerSecond">Its pages per second.</param>
/// <param name="ChunksPerSecond">Its chunks per second.</param>
public sealed record IngestCeiling(string Stage, double PagesPerSecond, double ChunksPerSecond);

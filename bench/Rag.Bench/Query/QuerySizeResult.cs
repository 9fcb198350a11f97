namespace Rag.Bench.Query;

/// <summary>Measurements at one index size.</summary>
/// <param name="Chunks">Chunks in the index.</param>
/// <param name="Documents">Documents in the index.</param>
/// <param name="LoadSeconds">Time inside <c>ReplaceDocumentAsync</c> to add the chunks since the previous size (generation excluded).</param>
/// <param name="LoadChunksPerSecond">Chunks added / <paramref name="LoadSeconds"/>.</param>
/// <param name="OpenSeconds">Time to reopen the index from disk (every vector read back into memory).</param>
/// <param name="DatabaseBytes">Size of rag.db (with its WAL) after closing.</param>
/// <param name="DatabaseBytesPerChunk">Database bytes / chunks.</param>
/// <param name="WorkingSetBytesPerChunk">Process working set after reopening the index, minus that before any index existed, / chunks.</param>
/// <param name="ManagedBytesPerChunk">Managed heap after reopening the index, minus that before any index existed, / chunks.</param>
/// <param name="Dense">Exact cosine search through the index (ACL lookup, in-memory scan, hydration from SQLite).</param>
/// <param name="Keyword">BM25 search (FTS5) through the index.</param>
/// <param name="Hybrid">The hybrid retriever: dense + keyword + reciprocal rank fusion, with a precomputed (fake) query embedding.</param>
/// <param name="BareScan">The ceiling: bare dot-product scan + top-k over a contiguous copy of the same vectors.</param>
/// <param name="BareToDenseRatio">Bare-scan p50 / indexed dense p50 (1 = the index adds nothing).</param>
/// <param name="DenseMsPerMillionChunks">Dense p50 scaled to one million chunks (constant when growth is linear).</param>
/// <param name="BareMsPerMillionChunks">Bare-scan p50 scaled to one million chunks.</param>
public sealed record QuerySizeResult(
    int Chunks,
    int Documents,
    double LoadSeconds,
    double LoadChunksPerSecond,
    double OpenSeconds,
    long DatabaseBytes,
    double DatabaseBytesPerChunk,
    double WorkingSetBytesPerChunk,
    double ManagedBytesPerChunk,
    LatencySummary Dense,
    LatencySummary Keyword,
    LatencySummary Hybrid,
    LatencySummary BareScan,
    double BareToDenseRatio,
    double DenseMsPerMillionChunks,
    double BareMsPerMillionChunks);

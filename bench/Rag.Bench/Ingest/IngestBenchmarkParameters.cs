namespace Rag.Bench.Ingest;

/// <summary>What was measured.</summary>
/// <param name="Corpus">The corpus folder (or file).</param>
/// <param name="FilesInCorpus">Supported files found in it.</param>
/// <param name="FileLimit">The --limit given, or null for all.</param>
/// <param name="Files">Files used.</param>
/// <param name="Bytes">Their total size.</param>
/// <param name="IndexedFiles">Files that ended indexed (the others failed: unreadable or without text).</param>
/// <param name="Pages">Pages of the indexed files.</param>
/// <param name="Chunks">Chunks of the indexed files.</param>
/// <param name="EmbeddingModel">Model id and dimensions.</param>
/// <param name="EmbeddingBatchSize">Chunks per embedding call (<c>Rag:Ingestion:EmbeddingBatchSize</c>).</param>
/// <param name="ReadAhead">Files read ahead of the embedder (<c>Rag:Ingestion:ReadAhead</c>).</param>
public sealed record IngestBenchmarkParameters(
    string Corpus,
    int FilesInCorpus,
    int? FileLimit,
    int Files,
    long Bytes,
    int IndexedFiles,
    int Pages,
    int Chunks,
    string EmbeddingModel,
    int EmbeddingBatchSize,
    int ReadAhead);

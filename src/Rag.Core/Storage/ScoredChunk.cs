namespace Rag.Core.Storage;

/// <summary>A chunk id found by an index search (<see cref="IVectorIndex"/>, <see cref="IKeywordIndex"/>) and its score, before hydration.</summary>
/// <param name="ChunkId">The chunk's id (<see cref="Documents.Chunk.Id"/>).</param>
/// <param name="Score">Higher is better; cosine for vectors, negated BM25 for keywords.</param>
public readonly record struct ScoredChunk(Guid ChunkId, double Score);

namespace Rag.Core.Documents;

/// <summary>A chunk together with its embedding vector.</summary>
public sealed record EmbeddedChunk(Chunk Chunk, ReadOnlyMemory<float> Vector);

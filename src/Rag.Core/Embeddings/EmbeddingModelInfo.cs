namespace Rag.Core.Embeddings;

/// <summary>Identity of the embedding model an index was built with; indexes refuse to mix models.</summary>
/// <param name="ModelId">Model id, e.g. "use-lite" or "all-minilm-l6-v2".</param>
/// <param name="Dimensions">Vector length.</param>
public sealed record EmbeddingModelInfo(string ModelId, int Dimensions);

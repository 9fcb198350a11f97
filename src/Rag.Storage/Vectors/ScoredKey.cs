namespace Rag.Storage.Vectors;

/// <summary>A search result of <see cref="VectorMatrix"/>: the row's key and its cosine similarity to the query.</summary>
internal readonly record struct ScoredKey(long Key, float Score);

namespace Rag.Core.Retrieval;

/// <summary>Which searches feed the result.</summary>
public enum RetrievalMode
{
    /// <summary>Dense and keyword results fused by Reciprocal Rank Fusion.</summary>
    Hybrid,

    /// <summary>Embedding (cosine) search only.</summary>
    Dense,

    /// <summary>BM25 keyword search only.</summary>
    Keyword,
}

using Rag.Core.Documents;

namespace Rag.Core.Retrieval;

/// <summary>A chunk chosen by retrieval, with where it ranked in each search.</summary>
/// <param name="Chunk">The chunk.</param>
/// <param name="DocumentTitle">Title of its document.</param>
/// <param name="Score">Fused score (RRF), or the single search's score in dense/keyword mode.</param>
/// <param name="DenseRank">1-based rank in the dense results, or null when absent there.</param>
/// <param name="KeywordRank">1-based rank in the keyword results, or null when absent there.</param>
public sealed record RetrievedChunk(Chunk Chunk, string DocumentTitle, double Score, int? DenseRank, int? KeywordRank)
{
    /// <summary>The dense search's score of the chunk (cosine similarity to the query), or null when only the keyword search found it.</summary>
    public double? DenseSimilarity { get; init; }

    /// <summary>The keyword search's score of the chunk (BM25, higher is better), or null when only the dense search found it.</summary>
    public double? KeywordScore { get; init; }
}

using System.ComponentModel.DataAnnotations;

namespace Rag.Core.Retrieval;

/// <summary>Retrieval settings (configuration section <c>Rag:Retrieval</c>).</summary>
public sealed class RetrievalOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Rag:Retrieval";

    /// <summary>Dense, keyword or both fused. Default: hybrid.</summary>
    public RetrievalMode Mode { get; set; } = RetrievalMode.Hybrid;

    /// <summary>Chunks returned after fusion. Default 8.</summary>
    [Range(1, 1000)]
    public int TopK { get; set; } = 8;

    /// <summary>Candidates taken from each search before fusion. Default 50.</summary>
    [Range(1, 10_000)]
    public int CandidatesPerSearch { get; set; } = 50;

    /// <summary>
    /// The k of Reciprocal Rank Fusion: score = Σ weight / (k + rank). Default: the embedding model's profile
    /// (<see cref="Rag.Core.Embeddings.EmbeddingModelProfiles"/>): 10 for use-lite, 5 for all-MiniLM-L6-v2, measured on
    /// SciFact (<c>rag eval beir --sweep</c>, bench/README.md); the textbook 60 of Cormack et al. (2009) with equal
    /// weights fell below BM25 alone with use-lite.
    /// </summary>
    [Range(1, 10_000)]
    public int RrfK { get; set; } = 10;

    /// <summary>
    /// Weight of the dense ranking in the fusion. Default: the embedding model's profile. use-lite 0.2: it is a much
    /// weaker retriever than BM25 on SciFact (nDCG@10 0.25 vs 0.67), so at equal weights it drags good keyword hits
    /// down; at 0.2 it reorders and extends the keyword ranking instead. all-MiniLM-L6-v2 0.6 (dense nDCG@10 0.65).
    /// Re-run the sweep for a model without a profile.
    /// </summary>
    [Range(0.0, 100.0)]
    public double DenseWeight { get; set; } = 0.2;

    /// <summary>Weight of the keyword ranking in the fusion. Default 1.</summary>
    [Range(0.0, 100.0)]
    public double KeywordWeight { get; set; } = 1.0;
}

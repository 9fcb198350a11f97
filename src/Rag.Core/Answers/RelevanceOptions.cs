using System.ComponentModel.DataAnnotations;

namespace Rag.Core.Answers;

/// <summary>
/// Settings of <see cref="RelevanceGate"/> (configuration section <c>Rag:Answer:Relevance</c>): the question is answered
/// when <c>SimilarityWeight·dense + CoverageWeight·coverage + KeywordWeight·min(keyword, KeywordCap) ≥ MinScore</c> and the
/// best dense similarity reaches <see cref="MinSimilarity"/>. The defaults are use-lite's, chosen on one half of a
/// development set and confirmed on the other (bench/README.md, "Answer quality"); a model with its own profile
/// (<see cref="Rag.Core.Embeddings.EmbeddingModelProfiles"/>) starts from that profile's values instead.
/// </summary>
public sealed class RelevanceOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Rag:Answer:Relevance";

    /// <summary>Floor on the best cosine similarity between the query and a retrieved chunk; below it nothing counts as relevant. Default 0.2.</summary>
    [Range(-1.0, 1.0)]
    public double MinSimilarity { get; set; } = 0.2;

    /// <summary>Weight of the best dense similarity in the score. Default 1.</summary>
    [Range(0.0, 10.0)]
    public double SimilarityWeight { get; set; } = 1.0;

    /// <summary>Weight of the share of the question's content words found in the best-covering passage. Default 0.5.</summary>
    [Range(0.0, 10.0)]
    public double CoverageWeight { get; set; } = 0.5;

    /// <summary>Weight of the keyword evidence (best BM25 score per content word, capped at <see cref="KeywordCap"/>). Default 0.05.</summary>
    [Range(0.0, 10.0)]
    public double KeywordWeight { get; set; } = 0.05;

    /// <summary>Cap on the keyword evidence, so one rare word cannot outweigh the other signals. Default 3.</summary>
    [Range(0.0, 100.0)]
    public double KeywordCap { get; set; } = 3.0;

    /// <summary>
    /// The bar the combined score must reach for the question to be answered. Default 0.78: on the calibration half
    /// of the development set 3% of answerable questions were declined and 90% of out-of-corpus ones; on the
    /// confirmation half 4% and 95% (bench/README.md, "Answer quality").
    /// </summary>
    [Range(-10.0, 100.0)]
    public double MinScore { get; set; } = 0.78;
}

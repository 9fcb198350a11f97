using Rag.Core.Answers;
using Rag.Core.Retrieval;

namespace Rag.Core.Embeddings;

/// <summary>
/// The settings measured for one embedding model: how much its dense ranking counts in the fusion, and where its
/// similarities put the relevance gate. Applied before the configuration is bound, so every value set in
/// <c>Rag:Retrieval</c> or <c>Rag:Answer:Relevance</c> still wins. How each was measured: bench/README.md.
/// </summary>
/// <param name="ModelId">The model id (<c>Rag:Embedding:Model</c>).</param>
/// <param name="RrfK">Reciprocal Rank Fusion k.</param>
/// <param name="DenseWeight">Weight of the dense ranking in the fusion (keyword weight 1).</param>
/// <param name="MinSimilarity">The gate's floor on the best dense similarity.</param>
/// <param name="CoverageWeight">The gate's weight of question-term coverage.</param>
/// <param name="KeywordWeight">The gate's weight of keyword evidence.</param>
/// <param name="MinScore">The gate's bar on the combined score.</param>
public sealed record EmbeddingModelProfile(
    string ModelId,
    int RrfK,
    double DenseWeight,
    double MinSimilarity,
    double CoverageWeight,
    double KeywordWeight,
    double MinScore)
{
    /// <summary>Sets the fusion values of this model.</summary>
    public void ApplyTo(RetrievalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RrfK = RrfK;
        options.DenseWeight = DenseWeight;
    }

    /// <summary>Sets the gate values of this model.</summary>
    public void ApplyTo(RelevanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MinSimilarity = MinSimilarity;
        options.CoverageWeight = CoverageWeight;
        options.KeywordWeight = KeywordWeight;
        options.MinScore = MinScore;
    }
}

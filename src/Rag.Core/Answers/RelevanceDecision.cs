namespace Rag.Core.Answers;

/// <summary>What <see cref="IRelevanceGate"/> decided, with the signals it decided on.</summary>
/// <param name="FoundRelevant">True when something relevant was retrieved, so the question is answered (quoted or generated).</param>
/// <param name="BestSimilarity">The best cosine similarity of a retrieved chunk to the query, or null when no chunk had one.</param>
public sealed record RelevanceDecision(bool FoundRelevant, double? BestSimilarity)
{
    /// <summary>Share of the question's content words found in the retrieved passage that holds most of them (0–1).</summary>
    public double TermCoverage { get; init; }

    /// <summary>The best keyword (BM25) score of a retrieved chunk per content word of the question; 0 when no keyword hit.</summary>
    public double KeywordEvidence { get; init; }

    /// <summary>The combined score compared with <see cref="RelevanceOptions.MinScore"/>.</summary>
    public double Score { get; init; }
}

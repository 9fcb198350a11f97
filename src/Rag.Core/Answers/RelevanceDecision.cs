namespace Rag.Core.Answers;

/// <summary>What <see cref="IRelevanceGate"/> decided.</summary>
/// <param name="FoundRelevant">True when something relevant was retrieved, so the generator may answer.</param>
/// <param name="BestSimilarity">The best cosine similarity of a retrieved chunk to the query, or null when no chunk had one.</param>
public sealed record RelevanceDecision(bool FoundRelevant, double? BestSimilarity);

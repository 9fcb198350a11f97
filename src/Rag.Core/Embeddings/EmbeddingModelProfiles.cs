namespace Rag.Core.Embeddings;

/// <summary>
/// The embedding models whose fusion and gate settings were measured (bench/README.md). A model not listed keeps the
/// option classes' defaults, which are use-lite's; calibrate it as bench/README.md shows and set the values.
/// </summary>
public static class EmbeddingModelProfiles
{
    /// <summary>The setting that names the embedding model.</summary>
    public const string ModelSetting = "Rag:Embedding:Model";

    /// <summary>use-lite, the embedded default: a weak dense leg on SciFact (nDCG@10 0.25), so the dense ranking only reorders.</summary>
    public static EmbeddingModelProfile UseLite { get; } = new("use-lite", RrfK: 10, DenseWeight: 0.2,
        MinSimilarity: 0.2, CoverageWeight: 0.5, KeywordWeight: 0.05, MinScore: 0.78);

    /// <summary>
    /// all-MiniLM-L6-v2: dense nDCG@10 0.65 on SciFact, so the dense ranking counts for more (fusion chosen on SciFact's
    /// half a, confirmed on half b); the gate calibrated on the answer-quality set's half A, confirmed on half B.
    /// </summary>
    public static EmbeddingModelProfile AllMiniLmL6V2 { get; } = new("all-minilm-l6-v2", RrfK: 5, DenseWeight: 0.6,
        MinSimilarity: 0.2, CoverageWeight: 0.5, KeywordWeight: 0.0, MinScore: 0.54);

    /// <summary>Every measured profile.</summary>
    public static IReadOnlyList<EmbeddingModelProfile> All { get; } = [UseLite, AllMiniLmL6V2];

    /// <summary>The profile of <paramref name="modelId"/> (case-insensitive; use-lite's when no model is named), or null when it was not measured.</summary>
    public static EmbeddingModelProfile? Find(string? modelId) =>
        string.IsNullOrWhiteSpace(modelId)
            ? UseLite
            : All.FirstOrDefault(p => string.Equals(p.ModelId, modelId.Trim(), StringComparison.OrdinalIgnoreCase));
}

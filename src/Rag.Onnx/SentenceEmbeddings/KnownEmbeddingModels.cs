namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>
/// The family of each model the manifest (infra/models.json) installs, so naming the model is enough:
/// <c>Rag:Embedding:Kind</c>, when set, still wins.
/// </summary>
internal static class KnownEmbeddingModels
{
    private static readonly Dictionary<string, EmbeddingModelKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        [UseLiteEmbeddingGenerator.DefaultModelId] = EmbeddingModelKind.UseLite,
        ["all-minilm-l6-v2"] = EmbeddingModelKind.Bert,
    };

    /// <summary>The family of <paramref name="modelId"/>, or null for a model this build does not know.</summary>
    public static EmbeddingModelKind? KindOf(string? modelId) =>
        modelId is not null && Kinds.TryGetValue(modelId.Trim(), out var kind) ? kind : null;
}

using Microsoft.Extensions.AI;

namespace Rag.Bench.Query;

/// <summary>
/// A FAKE embedder for the query benchmark: returns the vector registered beforehand for each question text, so the
/// hybrid retriever's latency is retrieval only (the embedding model's cost is what <c>bench embed</c> measures).
/// </summary>
public sealed class PrecomputedQueryEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    /// <summary>Registers the vector returned for <paramref name="text"/>.</summary>
    public void Add(string text, float[] vector) => _vectors[text] = vector;

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            result.Add(new Embedding<float>(_vectors.TryGetValue(value, out var vector)
                ? vector
                : throw new InvalidOperationException($"No precomputed vector for '{value}'.")));
        }

        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType is not null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}

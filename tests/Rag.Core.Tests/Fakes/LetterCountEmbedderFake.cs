using Microsoft.Extensions.AI;

namespace Rag.Core.Tests;

/// <summary>Fake embedder (Core unit tests only): a text's vector is its count of each letter a–z, so different texts get different vectors.</summary>
internal sealed class LetterCountEmbedderFake : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Vector(v)))));

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static float[] Vector(string text)
    {
        var vector = new float[26];
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z')
            {
                vector[c - 'a']++;
            }
        }

        return vector;
    }
}

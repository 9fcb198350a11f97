using Microsoft.Extensions.AI;

namespace Rag.Core.Tests;

/// <summary>Wraps an embedder and counts the calls made to it and the texts it was given.</summary>
internal sealed class CountingEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private int _calls;
    private int _inputs;

    public int Calls => Volatile.Read(ref _calls);

    public int Inputs => Volatile.Read(ref _inputs);

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _inputs, list.Count);
        return base.GenerateAsync(list, options, cancellationToken);
    }
}

using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Rag.Core.Answers;

/// <summary>
/// The quoter's vectors of document sentences, kept in memory by their text (at most
/// <see cref="AnswerOptions.SentenceCacheEntries"/>, least recently used evicted first), so a sentence retrieved again
/// is not embedded again. Only document text is cached, never a question: whether a question was asked before
/// cannot be read from how fast it is answered. Vectors are a function of the text alone for the one model a process
/// runs, so a cached vector is exactly the one that would have been computed.
/// </summary>
public sealed class SentenceVectorCache : IDisposable
{
    private readonly MemoryCache? _cache;

    /// <summary>Creates the cache; <see cref="AnswerOptions.SentenceCacheEntries"/> 0 turns it off.</summary>
    public SentenceVectorCache(IOptions<AnswerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var entries = options.Value.SentenceCacheEntries;
        _cache = entries > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = entries, CompactionPercentage = 0.25 }) : null;
    }

    /// <summary>Sentences whose vectors are held now (approximate while other threads add).</summary>
    public int Count => _cache?.Count ?? 0;

    /// <summary>
    /// The vectors of <paramref name="sentences"/>, in order: cached ones as they are, the rest embedded by
    /// <paramref name="embedder"/> in one call (together with <paramref name="uncached"/>, which are embedded every
    /// time and never kept) and then cached. Returns the vectors of <paramref name="uncached"/> first.
    /// </summary>
    public async Task<ReadOnlyMemory<float>[]> EmbedAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        IReadOnlyList<string> uncached,
        IReadOnlyList<string> sentences,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(uncached);
        ArgumentNullException.ThrowIfNull(sentences);
        var vectors = new ReadOnlyMemory<float>[uncached.Count + sentences.Count];
        var inputs = new List<string>(vectors.Length);
        var slots = new List<int>(vectors.Length);
        inputs.AddRange(uncached);
        slots.AddRange(Enumerable.Range(0, uncached.Count));
        for (var i = 0; i < sentences.Count; i++)
        {
            if (_cache is not null && _cache.TryGetValue(sentences[i], out ReadOnlyMemory<float> cached))
            {
                vectors[uncached.Count + i] = cached;
            }
            else
            {
                inputs.Add(sentences[i]);
                slots.Add(uncached.Count + i);
            }
        }

        if (inputs.Count == 0)
        {
            return vectors;
        }

        var embeddings = await embedder.GenerateAsync(inputs, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (embeddings.Count != inputs.Count)
        {
            throw new InvalidOperationException($"The embedder returned {embeddings.Count} vectors for {inputs.Count} inputs.");
        }

        for (var j = 0; j < inputs.Count; j++)
        {
            vectors[slots[j]] = embeddings[j].Vector;
            if (_cache is not null && j >= uncached.Count)
            {
                _cache.Set(inputs[j], embeddings[j].Vector, new MemoryCacheEntryOptions { Size = 1 });
            }
        }

        return vectors;
    }

    /// <inheritdoc />
    public void Dispose() => _cache?.Dispose();
}

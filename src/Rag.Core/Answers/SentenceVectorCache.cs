using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Rag.Core.Answers;

/// <summary>
/// The quoter's vectors of document sentences, kept in memory by their text (at most
/// <see cref="AnswerOptions.SentenceCacheEntries"/>, least recently used evicted first), so a sentence retrieved again
/// is not embedded again. A sentence another question is embedding at this moment is awaited rather than embedded a
/// second time; if that question fails or is cancelled, the waiting one embeds it itself. Only document text is
/// cached, never a question: whether a question was asked before cannot be read from how fast it is answered. Vectors
/// are a function of the text alone for the one model a process runs, so a cached vector is exactly the one that
/// would have been computed.
/// </summary>
public sealed class SentenceVectorCache : IDisposable
{
    private readonly MemoryCache? _cache;
    private readonly ConcurrentDictionary<string, Task<ReadOnlyMemory<float>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Creates the cache; <see cref="AnswerOptions.SentenceCacheEntries"/> 0 turns it off.</summary>
    public SentenceVectorCache(IOptions<AnswerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var entries = options.Value.SentenceCacheEntries;
        _cache = entries > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = entries, CompactionPercentage = 0.25 }) : null;
    }

    /// <summary>A cache that keeps nothing: every sentence is embedded every time (for an answerer given none).</summary>
    public static SentenceVectorCache Off { get; } = new(Options.Create(new AnswerOptions { SentenceCacheEntries = 0 }));

    /// <summary>Sentences whose vectors are held now (approximate while other threads add).</summary>
    public int Count => _cache?.Count ?? 0;

    /// <summary>Sentences being embedded right now for some question.</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>
    /// The vectors of <paramref name="uncached"/> (embedded every time, never kept) followed by those of
    /// <paramref name="sentences"/>, in order. A sentence comes from the cache, or from the question already embedding
    /// it, or is embedded here in the same call as <paramref name="uncached"/> and then cached.
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
        var owned = new List<(string Text, TaskCompletionSource<ReadOnlyMemory<float>> Done)>();
        var awaited = new List<(int Slot, string Text, Task<ReadOnlyMemory<float>> Vector)>();
        inputs.AddRange(uncached);
        slots.AddRange(Enumerable.Range(0, uncached.Count));
        for (var i = 0; i < sentences.Count; i++)
        {
            var slot = uncached.Count + i;
            if (_cache is null)
            {
                inputs.Add(sentences[i]);
                slots.Add(slot);
            }
            else if (_cache.TryGetValue(sentences[i], out ReadOnlyMemory<float> cached))
            {
                vectors[slot] = cached;
            }
            else
            {
                var done = new TaskCompletionSource<ReadOnlyMemory<float>>(TaskCreationOptions.RunContinuationsAsynchronously);
                var pending = _inFlight.GetOrAdd(sentences[i], done.Task);
                if (pending == done.Task)
                {
                    owned.Add((sentences[i], done));
                    inputs.Add(sentences[i]);
                    slots.Add(slot);
                }
                else
                {
                    // Being embedded by another question, or earlier in this list: awaited after this call's own embedding.
                    awaited.Add((slot, sentences[i], pending));
                }
            }
        }

        try
        {
            await EmbedIntoAsync(embedder, inputs, slots, uncached.Count, vectors, cancellationToken).ConfigureAwait(false);
            // With the cache on, every input after the uncached ones is an owned sentence, in order.
            for (var k = 0; k < owned.Count; k++)
            {
                owned[k].Done.TrySetResult(vectors[slots[uncached.Count + k]]);
            }
        }
        catch (Exception ex)
        {
            foreach (var (_, done) in owned)
            {
                done.TrySetException(ex);
            }

            throw;
        }
        finally
        {
            foreach (var (text, done) in owned)
            {
                _inFlight.TryRemove(new KeyValuePair<string, Task<ReadOnlyMemory<float>>>(text, done.Task));
            }
        }

        var again = new List<(int Slot, string Text)>();
        foreach (var (slot, text, vector) in awaited)
        {
            try
            {
                vectors[slot] = await vector.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The question that was embedding it failed or was cancelled: this one embeds it itself.
                again.Add((slot, text));
            }
        }

        if (again.Count > 0)
        {
            await EmbedIntoAsync(embedder, [.. again.Select(a => a.Text)], [.. again.Select(a => a.Slot)], 0, vectors, cancellationToken).ConfigureAwait(false);
        }

        return vectors;
    }

    /// <inheritdoc />
    public void Dispose() => _cache?.Dispose();

    private async Task EmbedIntoAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        List<string> inputs,
        List<int> slots,
        int firstCached,
        ReadOnlyMemory<float>[] vectors,
        CancellationToken cancellationToken)
    {
        if (inputs.Count == 0)
        {
            return;
        }

        var embeddings = await embedder.GenerateAsync(inputs, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (embeddings.Count != inputs.Count)
        {
            throw new InvalidOperationException($"The embedder returned {embeddings.Count} vectors for {inputs.Count} inputs.");
        }

        for (var j = 0; j < inputs.Count; j++)
        {
            vectors[slots[j]] = embeddings[j].Vector;
            if (_cache is not null && j >= firstCached)
            {
                _cache.Set(inputs[j], embeddings[j].Vector, new MemoryCacheEntryOptions { Size = 1 });
            }
        }
    }
}

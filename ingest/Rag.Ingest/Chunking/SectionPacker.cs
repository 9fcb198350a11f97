using Rag.Core.Embeddings;
using Rag.Core.Text;

namespace Rag.Ingest.Chunking;

/// <summary>
/// Packs the units of one section greedily into chunks that fit the limit, repeating up to the overlap budget of
/// trailing sentences between consecutive chunks, and keeps the section's last chunk from being tiny.
/// </summary>
internal sealed class SectionPacker(IEmbeddingTokenizer tokenizer, string text, int limit, int overlap, int minTokens)
{
    public List<PendingChunk> Pack(IReadOnlyList<ChunkUnit> units)
    {
        var chunks = new List<PendingChunk>();
        PendingChunk? previous = null;
        var first = 0;
        while (first < units.Count)
        {
            var chunk = Build(units, previous, first, units.Count - 1);
            chunks.Add(chunk);
            previous = chunk;
            first = chunk.LastUnit + 1;
        }

        Rebalance(units, chunks);
        return chunks;
    }

    /// <summary>A chunk of units from <paramref name="first"/> on, as many as fit up to <paramref name="maxLast"/>.</summary>
    private PendingChunk Build(IReadOnlyList<ChunkUnit> units, PendingChunk? previous, int first, int maxLast)
    {
        var lead = previous is { } p ? Lead(units, p, Math.Min(overlap, limit - units[first].Tokens)) : null;
        var start = lead?.Start ?? units[first].Start;
        var pageUnit = lead?.Unit ?? first;

        // Running sum to find the candidate; the real count of the final text decides.
        long sum = (lead?.Tokens ?? 0) + units[first].Tokens;
        var last = first;
        while (last < maxLast && sum + units[last + 1].Tokens <= limit)
        {
            last++;
            sum += units[last].Tokens;
        }

        while (true)
        {
            var count = Count(start, units[last].End);
            if (count <= limit)
            {
                return new PendingChunk(start, units[last].End, pageUnit, first, last, count);
            }

            if (last > first)
            {
                last--;
            }
            else if (start != units[first].Start)
            {
                start = units[first].Start;
                pageUnit = first;
            }
            else
            {
                // A unit fits on its own by construction; this only guards against a non-deterministic tokenizer.
                throw new InvalidOperationException($"A chunk piece of {count} tokens exceeds the limit of {limit}.");
            }
        }
    }

    /// <summary>Trailing sentences of <paramref name="previous"/> worth at most <paramref name="budget"/> tokens.</summary>
    private OverlapLead? Lead(IReadOnlyList<ChunkUnit> units, PendingChunk previous, int budget)
    {
        if (budget <= 0)
        {
            return null;
        }

        OverlapLead? lead = null;
        for (var u = previous.LastUnit; u >= previous.PageUnit; u--)
        {
            var unit = units[u];
            var sentences = SentenceSegmenter.Split(text[unit.Start..unit.End]);
            for (var k = sentences.Count - 1; k >= 0; k--)
            {
                var sentenceStart = unit.Start + sentences[k].Start;
                if (sentenceStart <= previous.Start)
                {
                    return lead;
                }

                // Counted as repeated (separators included), so the budget holds for any tokenizer.
                var tokens = Count(sentenceStart, previous.End);
                if (tokens > budget)
                {
                    return lead;
                }

                lead = new OverlapLead(sentenceStart, u, tokens);
            }
        }

        return lead;
    }

    /// <summary>Merges a too-small last chunk into the one before, or moves the split point back to grow it.</summary>
    private void Rebalance(IReadOnlyList<ChunkUnit> units, List<PendingChunk> chunks)
    {
        if (chunks.Count < 2 || chunks[^1].Tokens >= minTokens)
        {
            return;
        }

        var previous = chunks[^2];
        var last = chunks[^1];
        var merged = Count(previous.Start, last.End);
        if (merged <= limit)
        {
            chunks[^2] = previous with { End = last.End, LastUnit = last.LastUnit, Tokens = merged };
            chunks.RemoveAt(chunks.Count - 1);
            return;
        }

        while (last.Tokens < minTokens && previous.LastUnit > previous.FirstUnit)
        {
            var shrunkEnd = units[previous.LastUnit - 1].End;
            var shrunk = previous with { End = shrunkEnd, LastUnit = previous.LastUnit - 1, Tokens = Count(previous.Start, shrunkEnd) };
            var grown = Build(units, shrunk, previous.LastUnit, last.LastUnit);
            if (shrunk.Tokens > limit || grown.LastUnit != last.LastUnit || grown.Tokens <= last.Tokens)
            {
                break;
            }

            previous = shrunk;
            last = grown;
        }

        chunks[^2] = previous;
        chunks[^1] = last;
    }

    private int Count(int start, int end) => tokenizer.CountTokens(text[start..end]);
}

using Rag.Core.Embeddings;
using Rag.Core.Text;

namespace Rag.Ingest.Chunking;

/// <summary>
/// Cuts a paragraph into units that each fit the limit: the whole paragraph when it fits, else its sentences,
/// a sentence too long on its own at word boundaries, and a word too long on its own by characters.
/// </summary>
internal sealed class UnitSplitter(IEmbeddingTokenizer tokenizer, string text, int limit)
{
    public void AddParagraph(int start, int end, int page, List<ChunkUnit> units)
    {
        var tokens = Count(start, end);
        if (tokens <= limit)
        {
            units.Add(new ChunkUnit(start, end, tokens, page));
            return;
        }

        foreach (var sentence in SentenceSegmenter.Split(text[start..end]))
        {
            var sentenceStart = start + sentence.Start;
            var sentenceEnd = start + sentence.End;
            var sentenceTokens = Count(sentenceStart, sentenceEnd);
            if (sentenceTokens <= limit)
            {
                units.Add(new ChunkUnit(sentenceStart, sentenceEnd, sentenceTokens, page));
            }
            else
            {
                AddWordPieces(sentenceStart, sentenceEnd, page, units);
            }
        }
    }

    private void AddWordPieces(int start, int end, int page, List<ChunkUnit> units)
    {
        var atoms = new List<ChunkUnit>();
        var i = start;
        while (i < end)
        {
            while (i < end && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var wordStart = i;
            while (i < end && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == wordStart)
            {
                break;
            }

            var tokens = Count(wordStart, i);
            if (tokens <= limit)
            {
                atoms.Add(new ChunkUnit(wordStart, i, tokens, page));
            }
            else
            {
                AddCharacterPieces(wordStart, i, page, atoms);
            }
        }

        // Even pieces rather than greedy ones, so the sentence does not end in a tiny remainder.
        var total = atoms.Sum(a => (long)a.Tokens);
        var pieces = Math.Max(1, (total + limit - 1) / limit);
        var target = Math.Max(1, (total + pieces - 1) / pieces);
        var first = 0;
        while (first < atoms.Count)
        {
            var last = first;
            long sum = atoms[first].Tokens;
            while (last + 1 < atoms.Count && sum + atoms[last + 1].Tokens <= target)
            {
                last++;
                sum += atoms[last].Tokens;
            }

            var count = Count(atoms[first].Start, atoms[last].End);
            while (count > limit && last > first)
            {
                last--;
                count = Count(atoms[first].Start, atoms[last].End);
            }

            units.Add(new ChunkUnit(atoms[first].Start, atoms[last].End, count, page));
            first = last + 1;
        }
    }

    private void AddCharacterPieces(int start, int end, int page, List<ChunkUnit> atoms)
    {
        var pieceStart = start;
        while (pieceStart < end)
        {
            // Gallop to bracket the longest fitting prefix, then binary-search it; never split a surrogate pair.
            var good = Align(pieceStart + 1, end);
            var goodCount = Count(pieceStart, good);
            var bad = -1;
            var step = 1;
            while (good < end)
            {
                var probe = Align(Math.Min(end, good + step), end);
                var probeCount = Count(pieceStart, probe);
                if (probeCount > limit)
                {
                    bad = probe;
                    break;
                }

                good = probe;
                goodCount = probeCount;
                step *= 2;
            }

            while (bad > good + 1)
            {
                var mid = good + ((bad - good) / 2);
                if (char.IsLowSurrogate(text[mid]))
                {
                    mid = mid - 1 > good ? mid - 1 : mid + 1;
                    if (mid >= bad)
                    {
                        break;
                    }
                }

                var midCount = Count(pieceStart, mid);
                if (midCount <= limit)
                {
                    good = mid;
                    goodCount = midCount;
                }
                else
                {
                    bad = mid;
                }
            }

            atoms.Add(new ChunkUnit(pieceStart, good, goodCount, page));
            pieceStart = good;
        }
    }

    private int Align(int index, int end) =>
        index < end && char.IsLowSurrogate(text[index]) ? index + 1 : index;

    private int Count(int start, int end) => tokenizer.CountTokens(text[start..end]);
}

using Rag.Core.Embeddings;

namespace Rag.Ingest.Chunking;

/// <summary>
/// Packs the units of one section into chunk spans: greedily by a running token sum, then every span's own
/// text is counted and shrunk until it fits, because a tokenizer need not count a concatenation as the sum
/// of its parts. Consecutive spans share up to the overlap budget of trailing sentences; each span adds at
/// least one new unit, so packing always ends.
/// </summary>
internal sealed class SectionPacker(IEmbeddingTokenizer tokenizer, int maxTokens, int overlapTokens, int minChunkTokens)
{
    public void Pack(string text, IReadOnlyList<SectionUnit> units, List<PackedSpan> output)
    {
        var n = units.Count;
        var rest = new int[n + 1]; // rest[k]: tokens of units k..n-1, for the trailing-piece check
        for (var k = n - 1; k >= 0; k--)
        {
            rest[k] = rest[k + 1] + units[k].Tokens;
        }

        var sectionStart = output.Count;
        var overlap = Overlap.None;
        var i = 0;
        while (i < n)
        {
            var start = overlap.Present ? overlap.Start : units[i].Start;
            var firstUnit = overlap.Present ? overlap.Unit : i;
            var sum = overlap.Tokens;
            var j = i;
            do
            {
                sum += units[j].Tokens;
                j++;
            }
            while (j < n && sum + units[j].Tokens <= maxTokens);

            // A tiny remainder would become a chunk of its own: move the split point back so it grows.
            while (j < n && j - 1 > i && rest[j] < minChunkTokens && rest[j - 1] + overlapTokens <= maxTokens)
            {
                j--;
            }

            var end = units[j - 1].End;
            var chunkText = text.Substring(start, end - start);
            var tokens = tokenizer.CountTokens(chunkText);
            while (tokens > maxTokens && (j - 1 > i || start != units[i].Start))
            {
                if (j - 1 > i)
                {
                    j--;
                    end = units[j - 1].End;
                }
                else
                {
                    start = units[i].Start; // drop the overlap before giving up the only new unit
                    firstUnit = i;
                }

                chunkText = text.Substring(start, end - start);
                tokens = tokenizer.CountTokens(chunkText);
            }

            var (firstPage, lastPage) = Pages(units, firstUnit, j);
            var span = new PackedSpan(start, end, chunkText, firstPage, lastPage);
            if (j == n && tokens < minChunkTokens && output.Count > sectionStart && TryMerge(text, output, span))
            {
                return;
            }

            output.Add(span);
            overlap = j < n && overlapTokens > 0
                ? TrailingOverlap(text, units, i, j, start, Math.Min(overlapTokens, maxTokens - units[j].Tokens))
                : Overlap.None;
            i = j;
        }
    }

    private bool TryMerge(string text, List<PackedSpan> output, PackedSpan last)
    {
        var previous = output[^1];
        var merged = text.Substring(previous.Start, last.End - previous.Start);
        if (tokenizer.CountTokens(merged) > maxTokens)
        {
            return false;
        }

        output[^1] = new PackedSpan(previous.Start, last.End, merged, MinPage(previous.FirstPage, last.FirstPage), Math.Max(previous.LastPage, last.LastPage));
        return true;
    }

    /// <summary>
    /// The longest run of trailing sentences of units [<paramref name="from"/>..<paramref name="to"/>) within
    /// <paramref name="budget"/> tokens that starts after <paramref name="chunkStart"/> (never the whole chunk).
    /// </summary>
    private Overlap TrailingOverlap(string text, IReadOnlyList<SectionUnit> units, int from, int to, int chunkStart, int budget)
    {
        var best = Overlap.None;
        var used = 0;
        for (var k = to - 1; k >= from && used < budget; k--)
        {
            var unit = units[k];
            if (unit.Start > chunkStart && used + unit.Tokens <= budget)
            {
                used += unit.Tokens;
                best = new Overlap(unit.Start, used, k);
                continue;
            }

            var sentences = SentenceSplitter.Split(text, unit.Start, unit.End);
            for (var s = sentences.Count - 1; s > 0 || (s == 0 && sentences.Count > 1); s--)
            {
                var sentence = sentences[s];
                if (sentence.Start <= chunkStart)
                {
                    break;
                }

                var tokens = tokenizer.CountTokens(text.Substring(sentence.Start, sentence.Length));
                if (used + tokens > budget)
                {
                    break;
                }

                used += tokens;
                best = new Overlap(sentence.Start, used, k);
            }

            break;
        }

        if (!best.Present)
        {
            return best;
        }

        // Sums of sentence counts are an estimate; the overlap's own text decides.
        var actual = tokenizer.CountTokens(text.Substring(best.Start, units[to - 1].End - best.Start));
        return actual <= budget ? best with { Tokens = actual } : Overlap.None;
    }

    private static (int First, int Last) Pages(IReadOnlyList<SectionUnit> units, int from, int to)
    {
        int first = 0, last = 0;
        for (var k = from; k < to; k++)
        {
            var page = units[k].Page;
            first = MinPage(first, page);
            last = Math.Max(last, page);
        }

        return (first, last);
    }

    private static int MinPage(int a, int b) => a == 0 ? b : b == 0 ? a : Math.Min(a, b);

    private readonly record struct Overlap(int Start, int Tokens, int Unit)
    {
        public static Overlap None => new(-1, 0, -1);

        public bool Present => Start >= 0;
    }
}

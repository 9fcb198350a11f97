using System.Collections.Frozen;
using Rag.Core.Embeddings;

namespace Rag.Ingest.Chunking;

/// <summary>
/// Rule-based sentence splitting with character offsets, and cutting text into sentence-sized pieces that
/// each fit a token limit. A sentence ends at '.', '?', '!' or an ellipsis (plus closing quotes or brackets)
/// followed by whitespace, or at a line break. Abbreviations ("e.g.", "Dr."), initials, decimals ("3.5") and
/// an ellipsis or dot followed by a lower-case word do not end a sentence.
/// </summary>
internal static class SentenceSplitter
{
    private static readonly FrozenSet<string> Abbreviations = new[]
    {
        "e.g", "i.e", "etc", "vs", "cf", "al", "approx", "ca", "resp", "viz", "dr", "mr", "mrs", "ms", "prof",
        "sr", "jr", "st", "no", "nr", "fig", "figs", "eq", "ref", "vol", "p", "pp", "ch", "sec", "dept", "inc",
        "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "u.s", "u.k", "a.m", "p.m", "min", "max", "incl", "excl", "esp", "est",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup =
        Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Sentences of <paramref name="text"/>, trimmed of surrounding whitespace; empty ones are skipped.</summary>
    public static List<TextSegment> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Split(text, 0, text.Length);
    }

    /// <summary>Sentences of <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>), offsets into the whole text.</summary>
    public static List<TextSegment> Split(string text, int start, int end)
    {
        var sentences = new List<TextSegment>();
        var sentenceStart = start;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                AddTrimmed(text, sentenceStart, i, sentences);
                sentenceStart = i + 1;
                continue;
            }

            if (!IsTerminal(c))
            {
                continue;
            }

            var runEnd = i + 1;
            while (runEnd < end && IsTerminal(text[runEnd]))
            {
                runEnd++;
            }

            var close = runEnd;
            while (close < end && IsCloser(text[close]))
            {
                close++;
            }

            // "3.5", "e.g.,", "example.com": punctuation inside a token never ends a sentence.
            if ((close == end || char.IsWhiteSpace(text[close])) && EndsSentence(text, sentenceStart, i, runEnd, close, end))
            {
                AddTrimmed(text, sentenceStart, close, sentences);
                sentenceStart = close;
            }

            i = close - 1;
        }

        AddTrimmed(text, sentenceStart, end, sentences);
        return sentences;
    }

    /// <summary>
    /// Cuts <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>) into sentences; a sentence over
    /// <paramref name="maxTokens"/> is cut further at word boundaries and, for a single over-long word, between
    /// characters, so that every piece counts at most <paramref name="maxTokens"/> (a lone character that the
    /// tokenizer counts above the limit is the only exception: it cannot be cut).
    /// </summary>
    public static List<SizedSegment> SplitToFit(string text, int start, int end, IEmbeddingTokenizer tokenizer, int maxTokens)
    {
        var pieces = new List<SizedSegment>();
        foreach (var sentence in Split(text, start, end))
        {
            var tokens = tokenizer.CountTokens(text.Substring(sentence.Start, sentence.Length));
            if (tokens <= maxTokens)
            {
                pieces.Add(new SizedSegment(sentence.Start, sentence.End, tokens));
            }
            else
            {
                SplitAtWords(text, sentence, tokenizer, maxTokens, pieces);
            }
        }

        return pieces;
    }

    private static void SplitAtWords(string text, TextSegment sentence, IEmbeddingTokenizer tokenizer, int maxTokens, List<SizedSegment> pieces)
    {
        var wordEnds = new List<int>();
        for (var i = sentence.Start; i < sentence.End; i++)
        {
            if (!char.IsWhiteSpace(text[i]) && (i + 1 == sentence.End || char.IsWhiteSpace(text[i + 1])))
            {
                wordEnds.Add(i + 1);
            }
        }

        var pos = sentence.Start;
        var word = 0;
        while (true)
        {
            while (pos < sentence.End && char.IsWhiteSpace(text[pos]))
            {
                pos++;
            }

            if (pos >= sentence.End)
            {
                return;
            }

            while (wordEnds[word] <= pos)
            {
                word++;
            }

            var from = pos;
            var first = word;
            var (words, tokens) = LargestFitting(wordEnds.Count - first, maxTokens, k => Count(text, from, wordEnds[first + k - 1], tokenizer));
            if (words > 0)
            {
                pos = wordEnds[first + words - 1];
                pieces.Add(new SizedSegment(from, pos, tokens));
                continue;
            }

            // Even the first word is over the limit: cut it between characters, never inside a surrogate pair.
            var wordEnd = wordEnds[first];
            var (chars, charTokens) = LargestFitting(wordEnd - from, maxTokens, n => Count(text, from, CharEnd(text, from + n, wordEnd), tokenizer));
            if (chars == 0)
            {
                chars = 1;
                charTokens = Count(text, from, CharEnd(text, from + 1, wordEnd), tokenizer);
            }

            pos = CharEnd(text, from + chars, wordEnd);
            pieces.Add(new SizedSegment(from, pos, charTokens));
        }
    }

    /// <summary>
    /// Largest n in 1..<paramref name="available"/> whose prefix fits, by doubling then bisecting, so the cost is
    /// proportional to the piece found rather than to the whole remaining text. Every answer was counted.
    /// </summary>
    private static (int Count, int Tokens) LargestFitting(int available, int maxTokens, Func<int, int> tokensOfPrefix)
    {
        int good = 0, goodTokens = 0, bad = available + 1, probe = 1;
        while (probe <= available)
        {
            var tokens = tokensOfPrefix(probe);
            if (tokens > maxTokens)
            {
                bad = probe;
                break;
            }

            (good, goodTokens) = (probe, tokens);
            if (probe == available)
            {
                return (good, goodTokens);
            }

            probe = (int)Math.Min(probe * 2L, available);
        }

        while (bad - good > 1)
        {
            var mid = good + ((bad - good) / 2);
            var tokens = tokensOfPrefix(mid);
            if (tokens <= maxTokens)
            {
                (good, goodTokens) = (mid, tokens);
            }
            else
            {
                bad = mid;
            }
        }

        return (good, goodTokens);
    }

    private static int CharEnd(string text, int end, int limit) =>
        end < limit && char.IsLowSurrogate(text[end]) && char.IsHighSurrogate(text[end - 1]) ? end + 1 : end;

    private static int Count(string text, int start, int end, IEmbeddingTokenizer tokenizer) =>
        tokenizer.CountTokens(text.Substring(start, end - start));

    private static bool IsTerminal(char c) => c is '.' or '?' or '!' or '…';

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '}' or '”' or '’' or '»';

    private static bool EndsSentence(string text, int sentenceStart, int first, int runEnd, int close, int end)
    {
        var next = close;
        while (next < end && char.IsWhiteSpace(text[next]))
        {
            if (text[next] is '\n' or '\r')
            {
                return true;
            }

            next++;
        }

        if (next == end)
        {
            return true;
        }

        var lowerNext = char.IsLower(text[next]);
        var run = text.AsSpan(first, runEnd - first);
        if (run.ContainsAny('?', '!'))
        {
            return true;
        }

        if (run.Length > 1 || run[0] == '…')
        {
            return !lowerNext; // "wait... then" continues; "wait... Then" ends.
        }

        var wordStart = first;
        while (wordStart > sentenceStart && (char.IsLetterOrDigit(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, first - wordStart);
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return false; // an initial: "J. Smith"
        }

        if (word.Length > 0 && AbbreviationLookup.Contains(word))
        {
            return false;
        }

        return !lowerNext; // an unknown abbreviation: "approx. three"
    }

    private static void AddTrimmed(string text, int start, int end, List<TextSegment> sentences)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(new TextSegment(start, end));
        }
    }
}

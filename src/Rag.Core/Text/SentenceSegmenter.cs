namespace Rag.Core.Text;

/// <summary>
/// Splits text into sentences, keeping character offsets. Rule-based: a sentence ends at '.', '?', '!' (or a run
/// of them, with closing quotes/brackets) followed by whitespace, or at a line break that ends a paragraph;
/// common abbreviations, initials and decimals do not end sentences.
/// </summary>
public static class SentenceSegmenter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "vs", "cf", "al", "approx", "dr", "mr", "mrs", "ms", "prof", "sr", "jr", "st",
        "no", "nr", "fig", "figs", "eq", "ref", "vol", "p", "pp", "ch", "sec", "dept", "inc", "ltd", "co", "corp",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "ca", "resp",
    };

    /// <summary>Sentence spans of <paramref name="text"/>, trimmed of surrounding whitespace; empty sentences are skipped.</summary>
    public static IReadOnlyList<TextSpan> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<TextSpan>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                Add(text, start, i, spans);
                start = i + 1;
                continue;
            }

            if (c is not ('.' or '?' or '!'))
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && text[end] is '.' or '?' or '!' or '"' or '\'' or ')' or ']' or '”' or '’')
            {
                end++;
            }

            if (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                i = end - 1;
                continue;
            }

            if (c == '.' && !EndsSentence(text, start, i))
            {
                i = end - 1;
                continue;
            }

            Add(text, start, end, spans);
            start = end;
            i = end - 1;
        }

        Add(text, start, text.Length, spans);
        return spans;
    }

    private static bool EndsSentence(string text, int sentenceStart, int dot)
    {
        // The word before the dot (letters, digits and inner dots, e.g. "e.g").
        var wordStart = dot;
        while (wordStart > sentenceStart && (char.IsLetterOrDigit(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text[wordStart..dot];
        if (word.Length == 0)
        {
            return true;
        }

        if (Abbreviations.Contains(word) || (word.Length == 1 && char.IsUpper(word[0])))
        {
            return false;
        }

        // A lower-case continuation after the space means the dot did not end the sentence ("approx. three").
        var next = dot + 1;
        while (next < text.Length && char.IsWhiteSpace(text[next]) && text[next] != '\n')
        {
            next++;
        }

        return next >= text.Length || !char.IsLower(text[next]) || text[next - 1] == '\n';
    }

    private static void Add(string text, int start, int end, List<TextSpan> spans)
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
            spans.Add(new TextSpan(start, end - start));
        }
    }
}

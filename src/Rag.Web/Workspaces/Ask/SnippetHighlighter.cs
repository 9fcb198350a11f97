using System.Text.RegularExpressions;

namespace Rag.Web.Workspaces.Ask;

/// <summary>
/// Splits a cited passage into text segments, marking the words that are the question's terms. The page renders the
/// segments as text (a highlighted one in its own element): nothing of the passage is ever rendered as markup.
/// </summary>
internal static partial class SnippetHighlighter
{
    // Words too common to be worth marking.
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "for", "are", "was", "were", "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
        "does", "did", "can", "could", "should", "would", "will", "shall", "may", "might", "must", "has", "have", "had",
        "this", "that", "these", "those", "with", "from", "into", "about", "there", "their", "they", "them", "then",
        "than", "our", "your", "you", "its", "not", "but", "any", "all", "one", "out", "get", "got", "tell", "please",
    };

    /// <summary>The question's terms: its words of three or more letters, common words left out, lower-cased.</summary>
    public static IReadOnlyList<string> Terms(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return [.. Words().Matches(question).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length >= 3 && !StopWords.Contains(w)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// <paramref name="text"/> as segments, in order, that join back to it exactly; a word matching one of
    /// <paramref name="question"/>'s terms (case-insensitively, or as a longer form of it, e.g. "meeting" for "meetings") is highlighted.
    /// </summary>
    public static IReadOnlyList<TextSegment> Split(string text, string question)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = Terms(question);
        var segments = new List<TextSegment>();
        var plainStart = 0;
        foreach (Match word in Words().Matches(text))
        {
            if (!terms.Any(t => Matches(word.Value, t)))
            {
                continue;
            }

            // A run of highlighted words separated only by spaces stays one segment.
            if (segments.Count > 0 && segments[^1].Highlighted && string.IsNullOrWhiteSpace(text[plainStart..word.Index]))
            {
                segments[^1] = new TextSegment(segments[^1].Text + text[plainStart..(word.Index + word.Length)], true);
            }
            else
            {
                if (word.Index > plainStart)
                {
                    segments.Add(new TextSegment(text[plainStart..word.Index], false));
                }

                segments.Add(new TextSegment(word.Value, true));
            }

            plainStart = word.Index + word.Length;
        }

        if (plainStart < text.Length)
        {
            segments.Add(new TextSegment(text[plainStart..], false));
        }

        return segments;
    }

    private static bool Matches(string word, string term)
    {
        if (word.Equals(term, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // The same word with an ending: "meeting"/"meetings", "combine"/"combination" (stems of four letters or more).
        var (shorter, longer) = word.Length < term.Length ? (word, term) : (term, word);
        return shorter.Length >= 4 && longer.Length - shorter.Length <= 4 && longer.StartsWith(shorter, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'\-]*")]
    private static partial Regex Words();
}

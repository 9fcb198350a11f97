using System.Globalization;
using System.Text;

namespace Rag.Core.Text;

/// <summary>
/// The content words of a text, normalised so that a question and the passage answering it share them: lower-cased,
/// diacritics removed, English function words dropped, and a light suffix stemmer ("approves", "approved",
/// "approval" → "approv"; "days" → "day"). Used to score how much of a question a passage or sentence covers; it is not
/// the keyword index's analyzer and never changes what is stored.
/// </summary>
public static class ContentTerms
{
    private const int MinStemLength = 3;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "either", "else", "ever", "few", "for", "from", "further", "get", "gets",
        "got", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into",
        "is", "it", "its", "itself", "just", "kind", "let", "many", "may", "me", "might", "more", "most", "much", "must",
        "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "out",
        "over", "own", "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs",
        "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "type", "under", "until", "up",
        "us", "very", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose",
        "why", "will", "with", "would", "yes", "you", "your", "yours", "s", "t", "name", "called", "use", "used",
    };

    /// <summary>The distinct content terms of <paramref name="text"/>, in order of first appearance.</summary>
    public static IReadOnlyList<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(text))
        {
            if (!StopWords.Contains(word) && seen.Add(Stem(word)))
            {
                terms.Add(Stem(word));
            }
        }

        return terms;
    }

    /// <summary>The set of content terms of <paramref name="text"/>.</summary>
    public static HashSet<string> SetOf(string text) => new(Of(text), StringComparer.Ordinal);

    /// <summary>Share of <paramref name="terms"/> found in <paramref name="passage"/> (0 when there are no terms).</summary>
    public static double Coverage(IReadOnlyCollection<string> terms, IReadOnlySet<string> passage)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(passage);
        return terms.Count == 0 ? 0 : (double)terms.Count(passage.Contains) / terms.Count;
    }

    /// <summary>The lower-cased words of <paramref name="text"/> with diacritics removed (letters and digits; inner apostrophes end a word).</summary>
    public static IEnumerable<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = Fold(text);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            if (i < folded.Length && char.IsLetterOrDigit(folded[i]))
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0)
            {
                yield return folded[start..i];
                start = -1;
            }
        }
    }

    /// <summary>A light English stemmer: plural and verb endings, and "-ation", "-al", "-ly", "-ment", "-ness".</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= MinStemLength || word.Any(char.IsDigit))
        {
            return word;
        }

        string[] suffixes = ["ational", "ations", "ation", "ments", "ment", "ness", "ings", "ing", "ies", "ied", "ers", "er", "es", "ed", "ly", "al", "s", "e"];
        foreach (var suffix in suffixes)
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length - suffix.Length >= MinStemLength && !(suffix == "s" && word.EndsWith("ss", StringComparison.Ordinal)))
            {
                var stem = word[..^suffix.Length];
                return suffix is "ies" or "ied" ? stem + "y" : Undouble(stem);
            }
        }

        return word;
    }

    private static string Undouble(string stem) =>
        stem.Length > MinStemLength && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z') && !char.IsDigit(stem[^1]) ? stem[..^1] : stem;

    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }

        return folded.ToString();
    }
}

using System.Text;

namespace Rag.Storage.Sqlite;

/// <summary>
/// Turns user text into an FTS5 query that cannot carry FTS syntax: every whitespace-separated word becomes a
/// double-quoted string (inner quotes doubled), and the strings are joined by OR. Inside quotes FTS5 sees no
/// operators, column filters, prefixes or NEAR groups; the tokenizer splits the string into a phrase, so
/// "XK-4471" still matches the adjacent tokens xk 4471. Words without a letter or digit would become empty
/// phrases and are dropped.
/// </summary>
internal static class FtsQuery
{
    /// <summary>Most distinct words kept from one query; bounds the work of a pasted page of text.</summary>
    public const int MaxTerms = 32;

    private const string Punctuation = "\"'`.,;:!?()[]{}<>«»“”‘’";

    /// <summary>
    /// The FTS5 MATCH expression for <paramref name="text"/>, or null when it holds no searchable word. Words in
    /// <paramref name="stopWords"/> (compared without surrounding punctuation, ignoring case) are left out, unless the
    /// text holds nothing else.
    /// </summary>
    public static string? Build(string text, IReadOnlySet<string>? stopWords = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return (stopWords is null ? null : BuildCore(text, stopWords)) ?? BuildCore(text, null);
    }

    private static string? BuildCore(string text, IReadOnlySet<string>? stopWords)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var query = new StringBuilder();
        var start = -1;
        for (var i = 0; i <= text.Length && seen.Count < MaxTerms; i++)
        {
            var separator = i == text.Length || char.IsWhiteSpace(text[i]) || char.IsControl(text[i]);
            if (!separator)
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0)
            {
                var word = text.AsSpan(start, i - start);
                if (stopWords is null || !stopWords.Contains(word.Trim(Punctuation).ToString()))
                {
                    AddTerm(word, seen, query);
                }

                start = -1;
            }
        }

        return query.Length == 0 ? null : query.ToString();
    }

    /// <summary>
    /// <paramref name="match"/> (from <see cref="Build"/>) limited to the content columns and to chunks of
    /// <paramref name="canonicalSetNames"/>: FTS5 then walks only the postings of those sets (see <see cref="SetTags"/>).
    /// This is the keyword search's access filter.
    /// </summary>
    public static string Restrict(string match, IReadOnlyCollection<string> canonicalSetNames)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(canonicalSetNames);
        ArgumentOutOfRangeException.ThrowIfZero(canonicalSetNames.Count);
        return "{text headings title} : (" + match + ") AND set_tag : (" + string.Join(" OR ", canonicalSetNames.Select(s => "\"" + SetTags.Of(s) + "\"")) + ")";
    }

    private static void AddTerm(ReadOnlySpan<char> word, HashSet<string> seen, StringBuilder query)
    {
        var searchable = false;
        foreach (var c in word)
        {
            if (char.IsLetterOrDigit(c))
            {
                searchable = true;
                break;
            }
        }

        if (!searchable || !seen.Add(word.ToString()))
        {
            return;
        }

        if (query.Length > 0)
        {
            query.Append(" OR ");
        }

        query.Append('"');
        foreach (var c in word)
        {
            query.Append(c == '"' ? "\"\"" : c.ToString());
        }

        query.Append('"');
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace Rag.Ingest.Readers;

/// <summary>
/// Joins the lines of a paragraph, undoing line-end hyphenation ("bro-\nken" becomes "broken") while keeping real
/// compounds ("well-\nknown" stays "well-known"). A line that ends in a hyphen right after a letter or digit is decided by,
/// in order: the hyphen stays when the next line starts with a capital or a digit ("Anglo-\nSaxon", "ISO-\n9001"),
/// when the part before it holds a digit or is itself part of a compound ("state-of-the-\nart"), or when the document
/// writes the hyphenated form elsewhere on one line; the hyphen goes when the document writes the joined word
/// elsewhere; otherwise it stays after a handful of words that form compounds ("well", "self", "ill", "half") and
/// goes everywhere else, because in typeset text a line-end hyphen is far more often hyphenation than a compound.
/// </summary>
internal sealed partial class LineJoiner
{
    private static readonly char[] Punctuation = ['(', '[', '{', '"', '\'', '“', '‘', '«'];
    private static readonly HashSet<string> CompoundFirstWords = new(["well", "self", "ill", "half"], StringComparer.Ordinal);

    private readonly HashSet<string> _words = new(StringComparer.Ordinal);
    private readonly HashSet<string> _compounds = new(StringComparer.Ordinal);

    /// <summary>A joiner that knows no vocabulary: only the fixed rules apply.</summary>
    public static LineJoiner Empty { get; } = new();

    /// <summary>Learns the words and hyphenated compounds written within one line of <paramref name="text"/>.</summary>
    public void Learn(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            foreach (Match match in Word().Matches(line))
            {
                var word = match.Value.ToLowerInvariant();
                if (word.Contains('-', StringComparison.Ordinal))
                {
                    _compounds.Add(word);
                }
                else
                {
                    _words.Add(word);
                }
            }
        }
    }

    /// <summary>The lines of <paramref name="text"/> joined into one, hyphenation undone, whitespace collapsed.</summary>
    public string Join(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length == 1)
        {
            return TextNormalizer.Collapse(text);
        }

        var sb = new StringBuilder(text.Length);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                if (sb[^1] == '-' && sb.Length >= 2 && char.IsLetterOrDigit(sb[^2]) && char.IsLetterOrDigit(line[0]))
                {
                    if (!KeepsHyphen(sb, line))
                    {
                        sb.Length--;
                    }
                }
                else
                {
                    sb.Append(' ');
                }
            }

            sb.Append(line);
        }

        return TextNormalizer.Collapse(sb.ToString());
    }

    private bool KeepsHyphen(StringBuilder before, string line)
    {
        if (!char.IsLower(line[0]))
        {
            return true;
        }

        // The word before the hyphen, back to the previous space.
        var start = before.Length - 1;
        while (start > 0 && !char.IsWhiteSpace(before[start - 1]))
        {
            start--;
        }

        var head = before.ToString(start, before.Length - 1 - start).ToLowerInvariant();
        var tailEnd = 0;
        while (tailEnd < line.Length && (char.IsLetter(line[tailEnd]) || line[tailEnd] == '-'))
        {
            tailEnd++;
        }

        var tail = line[..tailEnd].TrimEnd('-').ToLowerInvariant();
        var left = head.TrimStart(Punctuation);
        if (left.Length == 0 || left.Any(char.IsDigit) || left.Contains('-', StringComparison.Ordinal))
        {
            return true;
        }

        if (_compounds.Contains(left + "-" + tail))
        {
            return true;
        }

        if (_words.Contains(left + tail))
        {
            return false;
        }

        return CompoundFirstWords.Contains(left);
    }

    [GeneratedRegex(@"\p{L}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}

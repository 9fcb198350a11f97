namespace Rag.Core.Text;

/// <summary>
/// Cleans a sentence cut out of a chunk before it is quoted: drops a heading, page footer or lead-in line glued to its
/// start (PDF text often runs a heading into the next paragraph), and tells apart statements from what must never be
/// quoted as an answer on its own: headings and title-like lines, table rows, lead-ins ending in ':' and fragments
/// (a piece of a sentence cut at the start or end of a chunk).
/// </summary>
public static class SentenceText
{
    private const int MaxTitleWords = 10;
    private const int MinStatementWords = 4;
    private const int MaxLabelWords = 4;

    /// <summary>
    /// <paramref name="sentence"/> without leading lines that are headings, footers or lead-ins; null when nothing but
    /// such lines (or a fragment) is left, so there is no statement to quote.
    /// </summary>
    public static string? Statement(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var lines = sentence.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        // A short first line followed by one starting in lower case is a sentence wrapped by the layout, not a heading.
        while (lines.Count > 1 && !char.IsLower(lines[1][0]) && (IsTitleLike(lines[0]) || lines[0].EndsWith(':') || lines[0].EndsWith('?')))
        {
            lines.RemoveAt(0);
        }

        var text = string.Join(' ', lines).TrimStart('#', '>', '-', '*', '•', ' ');
        if (IsLabelledRecord(text))
        {
            return text;
        }

        return text.Length == 0 || IsTitleLike(text) || !IsStatement(text) ? null : text;
    }

    /// <summary>True for a line that reads like a heading or a title: short, and without the punctuation that ends a sentence.</summary>
    public static bool IsTitleLike(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed.StartsWith('#'))
        {
            return true;
        }

        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= MaxTitleWords && trimmed[^1] is not ('.' or '!' or ';' or ',' or ')' or '"' or '”' or '?');
    }

    /// <summary>
    /// True for a table row as the readers write it (CSV, a spreadsheet sheet: "column: value; column: value"): it says
    /// on its own what its values are, so it is quoted as a statement although it has no sentence punctuation. The
    /// header row ("Columns: a; b") and "a | b" fragments are not records.
    /// </summary>
    public static bool IsLabelledRecord(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("Columns:", StringComparison.Ordinal) || text.Contains('|'))
        {
            return false;
        }

        var fields = text.Split("; ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 2 && fields.All(f =>
        {
            var colon = f.IndexOf(": ", StringComparison.Ordinal);
            return colon > 0 && colon + 2 < f.Length && f[..colon].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxLabelWords;
        });
    }

    // A statement starts like a sentence (not mid-sentence, in lower case or after a connecting comma), ends like one
    // (not cut off, not a question, not a lead-in to a list or table), holds a few words and is not a table row.
    private static bool IsStatement(string text)
    {
        var first = text[0];
        if (char.IsLower(first) || first is ',' or ';' or ')' || text.Contains('|'))
        {
            return false;
        }

        if (text[^1] is not ('.' or '!' or ')' or '"' or '”' or '’' or '\''))
        {
            return false;
        }

        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= MinStatementWords;
    }
}

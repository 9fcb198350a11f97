using System.Text;

namespace Rag.Ingest.Readers;

/// <summary>
/// Whitespace normalisation shared by the readers. Block text never contains a blank line, so the
/// "\n\n" that <see cref="Rag.Core.Documents.ParsedDocument.Text"/> puts between blocks stays unambiguous.
/// </summary>
internal static class TextNormalizer
{
    /// <summary>Collapses every run of whitespace or control characters to one space and trims.</summary>
    public static string Collapse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsSeparator(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Keeps line structure (code, preformatted text): each line is collapsed on its own, blank lines are
    /// dropped and lines are joined with a single "\n". Leading indentation is kept as one space at most.
    /// </summary>
    public static string PreserveLines(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var kept = new List<string>(lines.Length);
        foreach (var line in lines)
        {
            var collapsed = Collapse(line);
            if (collapsed.Length > 0)
            {
                kept.Add(collapsed);
            }
        }

        return string.Join('\n', kept);
    }

    private static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u200B' or '\uFEFF';
}

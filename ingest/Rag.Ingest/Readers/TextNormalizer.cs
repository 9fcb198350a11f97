using System.Globalization;
using System.Text;

namespace Rag.Ingest.Readers;

/// <summary>
/// Text cleaning and whitespace normalisation shared by the readers. Block text never contains a blank line, so the
/// "\n\n" that <see cref="Rag.Core.Documents.ParsedDocument.Text"/> puts between blocks stays unambiguous.
/// </summary>
internal static class TextNormalizer
{
    private const char SoftHyphen = '\u00AD';

    /// <summary>
    /// Cleans extracted text and keeps its line breaks: compatibility forms that only change how a letter is drawn
    /// (ligatures such as "ﬁ", fullwidth and halfwidth forms, Arabic presentation forms, mathematical letter styles)
    /// become their plain letters; the rest is composed (NFC). Full NFKC is not used: it would also turn "m²" into
    /// "m2", "½" into "1⁄2" and "™" into "TM", which changes what the text says. Soft hyphens are dropped (one at
    /// the end of a line joins the two lines), and so are control and invisible format characters other than
    /// newline and tab; zero-width joiners stay (some scripts need them).
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.ReplaceLineEndings("\n").EnumerateRunes())
        {
            if (rune.Value == SoftHyphen)
            {
                sb.Append(SoftHyphen); // Resolved below, once line ends are known.
            }
            else if (IsDropped(rune))
            {
                continue;
            }
            else if (IsPresentationForm(rune.Value))
            {
                sb.Append(rune.ToString().Normalize(NormalizationForm.FormKC));
            }
            else
            {
                sb.Append(rune.ToString());
            }
        }

        // A soft hyphen marks where a word may break: at a line end the word continues on the next line.
        var cleaned = sb.Replace(SoftHyphen + "\n", string.Empty).Replace(SoftHyphen.ToString(), string.Empty).ToString();
        return cleaned.IsNormalized(NormalizationForm.FormC) ? cleaned : cleaned.Normalize(NormalizationForm.FormC);
    }

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

    private static bool IsDropped(Rune rune) => rune.Value switch
    {
        '\n' or '\t' => false,
        '\r' or '\v' or '\f' or '\u0085' => false, // Whitespace: Collapse turns it into a space.
        '\u200C' or '\u200D' => false,               // Zero-width (non-)joiner: part of how some scripts are written.
        _ => Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format,
    };

    // Unicode blocks whose compatibility mappings only restyle letters: NFKC is safe there.
    private static bool IsPresentationForm(int c) =>
        c is (>= 0xFB00 and <= 0xFDFF)  // Alphabetic presentation forms (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ), Arabic presentation forms A
            or (>= 0xFE70 and <= 0xFEFF) // Arabic presentation forms B
            or (>= 0xFF01 and <= 0xFFEF) // Fullwidth and halfwidth forms
            or (>= 0x1D400 and <= 0x1D7FF); // Mathematical alphanumeric symbols (𝐀, 𝑥, 𝟏)

    private static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u200B' or '\uFEFF';
}

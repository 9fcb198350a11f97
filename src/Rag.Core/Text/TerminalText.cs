using System.Globalization;
using System.Text;

namespace Rag.Core.Text;

/// <summary>
/// Makes untrusted text (a file name, a path, an error message quoting one) safe to print to a terminal or a log: every
/// control character (C0, DEL, C1 — ESC among them, which starts the sequences that set a terminal's title and colours)
/// and every bidirectional formatting character (which reorders what the reader sees, as in "txt.exe" shown as
/// "exe.txt") is shown as a visible escape, <c>\x1B</c> or <c>\u202E</c>. Everything else is left as it is.
/// </summary>
public static class TerminalText
{
    /// <summary><paramref name="text"/> with control and bidi formatting characters escaped; with <paramref name="keepNewLines"/>, <c>\n</c> stays a line break.</summary>
    public static string Escape(string? text, bool keepNewLines = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var first = IndexOfUnsafe(text, keepNewLines);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            if (IsUnsafe(c, keepNewLines))
            {
                escaped.Append(c <= '\u00FF'
                    ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}")
                    : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>True for C0 controls, DEL, C1 controls and the bidirectional formatting characters.</summary>
    public static bool IsUnsafe(char c) => IsUnsafe(c, keepNewLines: false);

    private static bool IsUnsafe(char c, bool keepNewLines) => c switch
    {
        '\n' => !keepNewLines,
        <= '\u001F' or '\u007F' => true,
        >= '\u0080' and <= '\u009F' => true,
        '\u061C' or '\u200E' or '\u200F' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };

    private static int IndexOfUnsafe(string text, bool keepNewLines)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i], keepNewLines))
            {
                return i;
            }
        }

        return -1;
    }
}

using System.Globalization;
using System.Text;

namespace Rag.Testing;

/// <summary>
/// Writes a one-page PDF the way TeX does: a Type 1 font whose encoding puts the ligature glyphs /fi, /fl, /ff and
/// /ffi on their own codes, so the extracted text holds "ﬁ" (U+FB01) where the source had "fi", and each line as
/// set, line-end hyphens included. Write ligatures in <paramref name="lines"/> as the characters ﬁ ﬂ ﬀ ﬃ.
/// </summary>
public static class TypesetPdf
{
    private static readonly Dictionary<char, byte> Ligatures = new() { ['ﬁ'] = 1, ['ﬂ'] = 2, ['ﬀ'] = 3, ['ﬃ'] = 4 };

    /// <summary>The PDF bytes; <paramref name="title"/> goes into the document information dictionary when given.</summary>
    public static byte[] Build(string? title, params string[] lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var content = new StringBuilder("BT /F1 11 Tf 14 TL 60 780 Td\n");
        foreach (var line in lines)
        {
            content.Append('(').Append(Escape(line)).Append(") Tj T*\n");
        }

        content.Append("ET");
        var stream = Encoding.Latin1.GetBytes(content.ToString());
        List<byte[]> objects =
        [
            Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
            Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
            [.. Ascii($"<< /Length {stream.Length} >>\nstream\n"), .. stream, .. Ascii("\nendstream")],
            Ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [1 /fi /fl /ff /ffi] >> >>"),
            Ascii(title is null ? "<< >>" : $"<< /Title ({Escape(title)}) >>"),
        ];

        using var pdf = new MemoryStream();
        pdf.Write(Ascii("%PDF-1.4\n"));
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Ascii($"{i + 1} 0 obj\n"));
            pdf.Write(objects[i]);
            pdf.Write(Ascii("\nendobj\n"));
        }

        var xref = pdf.Position;
        var table = new StringBuilder($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(offset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R /Info {objects.Count} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Ascii(table.ToString()));
        return pdf.ToArray();
    }

    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (Ligatures.TryGetValue(c, out var code))
            {
                sb.Append((char)code);
            }
            else
            {
                if (c is '(' or ')' or '\\')
                {
                    sb.Append('\\');
                }

                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);
}

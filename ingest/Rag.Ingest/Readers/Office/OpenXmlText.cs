using System.Text;
using DocumentFormat.OpenXml;
using A = DocumentFormat.OpenXml.Drawing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Rag.Ingest.Readers.Office;

/// <summary>Visible text of OpenXml elements: runs' text, tabs and breaks as spaces; deleted text and field codes left out.</summary>
internal static class OpenXmlText
{
    /// <summary>Text of a Word paragraph or cell, normalised.</summary>
    public static string OfWord(OpenXmlElement element)
    {
        var sb = new StringBuilder();
        foreach (var node in element.Descendants())
        {
            switch (node)
            {
                case W.Text text:
                    sb.Append(text.Text);
                    break;
                case W.TabChar or W.Break or W.CarriageReturn:
                    sb.Append(' ');
                    break;
                case W.Paragraph:
                    sb.Append(' ');
                    break;
            }
        }

        return TextNormalizer.Collapse(sb.ToString());
    }

    /// <summary>Text of a DrawingML paragraph or table cell (slides), normalised.</summary>
    public static string OfDrawing(OpenXmlElement element)
    {
        var sb = new StringBuilder();
        foreach (var node in element.Descendants())
        {
            switch (node)
            {
                case A.Text text:
                    sb.Append(text.Text);
                    break;
                case A.Break or A.Paragraph:
                    sb.Append(' ');
                    break;
            }
        }

        return TextNormalizer.Collapse(sb.ToString());
    }
}

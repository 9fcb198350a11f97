using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Rag.Ingest.Tests.Readers;

/// <summary>A line of text on a generated PDF page; a paragraph break is an empty line.</summary>
internal sealed record PdfLine(string Text, double Size = 11);

/// <summary>Builds small real PDFs with PdfPig's writer (Helvetica, A4, lines top-down).</summary>
internal static class PdfTestDocuments
{
    public static byte[] Build(string? title, params IReadOnlyList<PdfLine>[] pages)
    {
        using var builder = new PdfDocumentBuilder();
        if (title is not null)
        {
            builder.DocumentInformation.Title = title;
        }

        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = 790d;
            foreach (var line in lines)
            {
                if (line.Text.Length == 0)
                {
                    y -= 12; // paragraph gap
                    continue;
                }

                y -= line.Size * 1.4;
                page.AddText(line.Text, line.Size, new PdfPoint(60, y), line.Size > 12 ? bold : font);
                if (line.Size > 12)
                {
                    y -= line.Size * 0.6; // room below a heading
                }
            }
        }

        return builder.Build();
    }

    public static IReadOnlyList<PdfLine> Page(params string[] lines) => lines.Select(l => new PdfLine(l)).ToList();
}

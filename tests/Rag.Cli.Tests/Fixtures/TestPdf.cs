using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Writer;

namespace Rag.Cli.Tests.Fixtures;

/// <summary>Writes small real PDFs: one heading and a few lines of text per page.</summary>
internal static class TestPdf
{
    public static void Write(string path, string title, params (string Heading, string[] Lines)[] pages)
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = title;
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        foreach (var (heading, lines) in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            page.AddText(heading, 18, new PdfPoint(50, 780), bold);
            var y = 740.0;
            foreach (var line in lines)
            {
                page.AddText(line, 11, new PdfPoint(50, y), regular);
                y -= 18;
            }
        }

        File.WriteAllBytes(path, builder.Build());
    }
}

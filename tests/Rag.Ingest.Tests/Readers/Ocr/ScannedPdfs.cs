using System.Diagnostics;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Rag.Ingest.Tests.Readers.Ocr;

/// <summary>
/// Builds PDFs with scanned pages: text is typeset with PdfPig, rendered to a PNG by the real pdftoppm, and that
/// picture becomes a page with no text layer (PdfPig's AddPng), as a scanner would produce.
/// </summary>
internal static class ScannedPdfs
{
    /// <summary>Page 1 has a text layer with <paramref name="textPage"/>; page 2 is only a picture of <paramref name="scannedLines"/>.</summary>
    public static byte[] TextThenScan(string textPage, params string[] scannedLines)
    {
        var png = RenderToPng(PdfTestDocuments.Build(null, scannedLines.Select(l => new PdfLine(l, 16)).ToList()));
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(PageSize.A4).AddText(textPage, 12, new PdfPoint(60, 760), font);
        var scan = builder.AddPage(PageSize.A4);
        scan.AddPng(png, new PdfRectangle(0, 0, scan.PageSize.Width, scan.PageSize.Height));
        return builder.Build();
    }

    /// <summary>One page that is only a picture of <paramref name="scannedLines"/>.</summary>
    public static byte[] ScanOnly(params string[] scannedLines) => Scans(1, scannedLines);

    /// <summary><paramref name="pages"/> pages, each only a picture of <paramref name="scannedLines"/>.</summary>
    public static byte[] Scans(int pages, params string[] scannedLines)
    {
        var png = RenderToPng(PdfTestDocuments.Build(null, scannedLines.Select(l => new PdfLine(l, 16)).ToList()));
        using var builder = new PdfDocumentBuilder();
        for (var i = 0; i < pages; i++)
        {
            var scan = builder.AddPage(PageSize.A4);
            scan.AddPng(png, new PdfRectangle(0, 0, scan.PageSize.Width, scan.PageSize.Height));
        }

        return builder.Build();
    }

    private static byte[] RenderToPng(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("rag-scan-test-");
        try
        {
            var input = Path.Combine(folder.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-r", "150", "-gray", "-png", "-singlefile", input, Path.Combine(folder.FullName, "out") })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftoppm did not start");
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "pdftoppm failed (apt-get install poppler-utils): " + error);
            return File.ReadAllBytes(Path.Combine(folder.FullName, "out.png"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

using System.Globalization;

namespace Rag.Ingest.Readers.Ocr;

/// <summary>
/// OCRs PDF pages that have no text layer: pdftoppm renders each page to a grey PNG, tesseract reads it; both are
/// local child processes under <see cref="PdfOcrOptions.PageTimeout"/>, killed on cancellation. Neither tool opens a
/// network connection (tesseract reads its traineddata from the local tessdata folder and downloads nothing).
/// Works in a private temporary folder that is deleted afterwards.
/// </summary>
internal sealed class TesseractPdfOcr
{
    private readonly PdfOcrOptions _options;

    public TesseractPdfOcr(PdfOcrOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>Recognised paragraphs with their page, in page order; a page where nothing was recognised has none.</summary>
    public async Task<IReadOnlyList<(int Page, string Text)>> RecognizeAsync(
        byte[] pdf, IReadOnlyList<OcrPage> pages, CancellationToken cancellationToken)
    {
        if (pages.Count > _options.MaxPages)
        {
            throw new DocumentReadException(
                $"PDF has {pages.Count:N0} scanned pages without text, more than the OCR limit of {_options.MaxPages:N0} (Rag:Ingestion:OcrMaxPages)");
        }

        var folder = Directory.CreateTempSubdirectory("rag-ocr-");
        try
        {
            var input = Path.Combine(folder.FullName, "input.pdf");
            await File.WriteAllBytesAsync(input, pdf, cancellationToken);
            var texts = new List<(int, string)>(pages.Count);
            foreach (var page in pages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var image = await RenderAsync(input, page, folder.FullName, cancellationToken);
                var paragraphs = await RecognizeImageAsync(image, page.Number, cancellationToken);
                File.Delete(image);
                texts.AddRange(paragraphs.Select(p => (page.Number, p)));
            }

            return texts;
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a killed tool may still hold a file for a moment.
            }
        }
    }

    private async Task<string> RenderAsync(string input, OcrPage page, string folder, CancellationToken cancellationToken)
    {
        var prefix = Path.Combine(folder, "page");
        var number = page.Number.ToString(CultureInfo.InvariantCulture);
        ToolResult result;
        try
        {
            result = await ToolProcess.RunAsync(
                _options.PdftoppmPath,
                ["-f", number, "-l", number, "-r", DpiFor(page).ToString(CultureInfo.InvariantCulture), "-gray", "-png", "-singlefile", input, prefix],
                _options.PageTimeout,
                cancellationToken);
        }
        catch (ToolNotFoundException ex)
        {
            throw new DocumentReadException(
                $"PDF page {page.Number} is a scan without text and needs OCR, but pdftoppm cannot be started ({ex.Executable}): install the Debian package poppler-utils (apt-get install poppler-utils) or set Rag:Ingestion:PdftoppmPath",
                ex);
        }

        var image = prefix + ".png";
        if (result.ExitCode != 0 || !File.Exists(image))
        {
            throw new DocumentReadException($"PDF page {page.Number} could not be rendered for OCR: pdftoppm exited with {result.ExitCode} ({result.ErrorTail})");
        }

        return image;
    }

    private async Task<IReadOnlyList<string>> RecognizeImageAsync(string image, int pageNumber, CancellationToken cancellationToken)
    {
        ToolResult result;
        try
        {
            result = await ToolProcess.RunAsync(
                _options.TesseractPath, [image, "stdout", "-l", _options.Language, "--psm", "3"], _options.PageTimeout, cancellationToken);
        }
        catch (ToolNotFoundException ex)
        {
            throw new DocumentReadException(
                $"PDF page {pageNumber} is a scan without text and needs OCR, but tesseract cannot be started ({ex.Executable}): install the Debian packages tesseract-ocr and tesseract-ocr-eng (apt-get install tesseract-ocr tesseract-ocr-eng) or set Rag:Ingestion:TesseractPath",
                ex);
        }

        if (result.ExitCode != 0)
        {
            throw new DocumentReadException(
                $"OCR of PDF page {pageNumber} failed: tesseract exited with {result.ExitCode} ({result.ErrorTail}); is the language data for '{_options.Language}' installed (Debian package tesseract-ocr-<lang>)?");
        }

        // Tesseract separates paragraphs with a blank line and ends the page with a form feed.
        return result.Output.ReplaceLineEndings("\n")
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(TextNormalizer.Collapse)
            .Where(p => p.Length > 0)
            .ToList();
    }

    // A huge page at full resolution would be gigabytes of pixels: render it smaller instead.
    private int DpiFor(OcrPage page)
    {
        var longestInches = Math.Max(page.WidthPoints, page.HeightPoints) / 72d;
        if (longestInches <= 0 || double.IsNaN(longestInches))
        {
            return _options.Dpi;
        }

        var capped = (int)Math.Floor(PdfOcrOptions.MaxPixelsPerSide / longestInches);
        return Math.Clamp(capped, 1, _options.Dpi);
    }
}

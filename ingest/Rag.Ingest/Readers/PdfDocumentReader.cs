using Rag.Core.Documents;
using Rag.Ingest.Readers.Ocr;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;

namespace Rag.Ingest.Readers;

/// <summary>
/// Reads PDFs with PdfPig: text per page in reading order, headings from font sizes, title from the
/// document information dictionary when <see cref="TitleChooser"/> finds it meaningful (else the first heading).
/// Run it through <see cref="IsolatedDocumentReader"/>
/// for untrusted files: PdfPig can loop or recurse deeply on hostile input.
/// </summary>
public sealed class PdfDocumentReader : IDocumentReader
{
    private static readonly string[] FileExtensions = [".pdf"];

    private readonly PdfOcrOptions? _ocrOptions;
    private readonly TesseractPdfOcr? _ocr;
    private readonly string? _password;

    /// <summary>A reader without OCR: a PDF with only scanned pages fails with "no extractable text".</summary>
    public PdfDocumentReader()
    {
    }

    /// <summary>A reader that OCRs pages with images but no text layer (null <paramref name="ocr"/>: no OCR).</summary>
    public PdfDocumentReader(PdfOcrOptions? ocr)
        : this(ocr, null)
    {
    }

    /// <summary>A reader that opens encrypted PDFs with <paramref name="password"/> (never logged or shown).</summary>
    public PdfDocumentReader(string password)
        : this(null, password ?? throw new ArgumentNullException(nameof(password)))
    {
    }

    /// <summary>A reader with OCR (null: none) that opens encrypted PDFs with <paramref name="password"/> (null: none; never logged or shown).</summary>
    public PdfDocumentReader(PdfOcrOptions? ocr, string? password)
    {
        _ocrOptions = ocr;
        _ocr = ocr is null ? null : new TesseractPdfOcr(ocr);
        _password = password;
    }

    /// <summary>The same reader (OCR included) opening encrypted PDFs with <paramref name="password"/>.</summary>
    public PdfDocumentReader WithPassword(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return new PdfDocumentReader(_ocrOptions, password);
    }

    /// <inheritdoc />
    public string MediaType => "application/pdf";

    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions => FileExtensions;

    /// <inheritdoc />
    public async Task<ParsedDocument> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        var bytes = await ReaderStreams.ReadAllBytesAsync(content, cancellationToken);
        if (bytes.Length == 0)
        {
            throw new DocumentReadException("PDF is empty (0 bytes)");
        }

        using var document = Open(bytes);
        var pageCount = CountPages(document);
        if (pageCount == 0)
        {
            throw new DocumentReadException("PDF is empty (no pages)");
        }

        var runs = new List<PdfTextRun>();
        var scanned = new List<OcrPage>();
        var images = 0;
        Exception? firstPageError = null;
        var failedPages = 0;
        for (var number = 1; number <= pageCount; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var page = document.GetPage(number);
                images += page.NumberOfImages;
                var pageRuns = PdfPageExtractor.Extract(page);
                runs.AddRange(pageRuns);
                if (pageRuns.Count == 0 && page.NumberOfImages > 0)
                {
                    scanned.Add(new OcrPage(number, page.Width, page.Height));
                }
            }
            catch (Exception ex) when (IsParserFailure(ex))
            {
                // One broken page should not cost the rest of the document.
                firstPageError ??= ex;
                failedPages++;
            }
        }

        if (_ocr is not null && scanned.Count > 0)
        {
            runs = await AddOcrTextAsync(_ocr, bytes, scanned, runs, cancellationToken);
        }

        if (runs.Count == 0)
        {
            throw NoText(firstPageError, failedPages, pageCount, images);
        }

        return Build(document, runs, pageCount);
    }

    // OCR hook: pages with images but no text layer get Tesseract's text, each paragraph on its own page number.
    private static async Task<List<PdfTextRun>> AddOcrTextAsync(
        TesseractPdfOcr ocr, byte[] bytes, List<OcrPage> scanned, List<PdfTextRun> runs, CancellationToken cancellationToken)
    {
        var recognised = await ocr.RecognizeAsync(bytes, scanned, cancellationToken);
        if (recognised.Count == 0 && runs.Count == 0)
        {
            throw new DocumentReadException($"PDF has no extractable text: OCR of its {scanned.Count} scanned page(s) recognised none");
        }

        return runs
            .Concat(recognised.Select(p => new PdfTextRun(p.Page, p.Text, 0, 1, p.Text.Length)))
            .OrderBy(r => r.Page) // stable: reading order within a page is kept
            .ToList();
    }

    private PdfDocument Open(byte[] bytes)
    {
        try
        {
            // Lenient parsing recovers broken xref tables and offsets; an empty user password is tried by default.
            var options = new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true };
            if (_password is not null)
            {
                options.Password = _password;
            }

            return PdfDocument.Open(bytes, options);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentReadException(_password is null
                ? "PDF is encrypted with a password; configure the set's password (Rag:Ingestion:PdfPasswords:<set>) or remove the password, and re-ingest it"
                : "PDF is encrypted and the password configured for its set does not open it", ex);
        }
        catch (Exception ex) when (IsParserFailure(ex))
        {
            throw new DocumentReadException("PDF is malformed: " + Describe(ex), ex);
        }
    }

    private static int CountPages(PdfDocument document)
    {
        try
        {
            return document.NumberOfPages;
        }
        catch (Exception ex) when (IsParserFailure(ex))
        {
            throw new DocumentReadException("PDF is malformed: the page tree cannot be read (" + Describe(ex) + ")", ex);
        }
    }

    private static DocumentReadException NoText(Exception? firstPageError, int failedPages, int pageCount, int images)
    {
        if (firstPageError is not null)
        {
            var which = failedPages == pageCount ? "no page could be read" : $"{failedPages} of {pageCount} pages could not be read and the rest have no text";
            return new DocumentReadException($"PDF is malformed: {which} ({Describe(firstPageError)})", firstPageError);
        }

        return images > 0
            ? new DocumentReadException("PDF has no extractable text (scanned images? OCR is off: set Rag:Ingestion:OcrEnabled=true)")
            : new DocumentReadException($"PDF is empty: no text or images on its {pageCount} page(s)");
    }

    private static ParsedDocument Build(PdfDocument document, List<PdfTextRun> runs, int pageCount)
    {
        var headings = new PdfHeadingClassifier(runs);
        var builder = new ParsedDocumentBuilder();
        foreach (var run in runs)
        {
            var level = headings.LevelOf(run);
            if (level > 0)
            {
                builder.AddHeading(run.Text, level, run.Page);
            }
            else
            {
                builder.AddParagraph(run.Text, run.Page);
            }
        }

        return builder.Build(MetadataTitle(document), pageCount, fallbackTitle: builder.FirstHeading());
    }

    private static string? MetadataTitle(PdfDocument document)
    {
        try
        {
            return document.Information.Title;
        }
        catch (Exception ex) when (IsParserFailure(ex))
        {
            return null; // A broken info dictionary is not worth failing the document for.
        }
    }

    // PdfPig signals bad input with its own exceptions but also with InvalidOperation, InvalidCast,
    // IndexOutOfRange, NullReference, ArgumentException and friends; all of them mean "this file is broken".
    private static bool IsParserFailure(Exception ex) =>
        ex is not OperationCanceledException and not OutOfMemoryException and not DocumentReadException;

    private static string Describe(Exception ex)
    {
        var message = TextNormalizer.Collapse(ex.Message);
        if (message.Length > 300)
        {
            message = message[..300] + "...";
        }

        return ex is PdfDocumentFormatException or PdfDocumentEncryptedException
            ? message
            : $"{ex.GetType().Name}: {message}";
    }
}

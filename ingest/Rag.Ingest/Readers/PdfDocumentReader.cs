using Rag.Core.Documents;
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
                runs.AddRange(PdfPageExtractor.Extract(page));
            }
            catch (Exception ex) when (IsParserFailure(ex))
            {
                // One broken page should not cost the rest of the document.
                firstPageError ??= ex;
                failedPages++;
            }
        }

        if (runs.Count == 0)
        {
            throw NoText(firstPageError, failedPages, pageCount, images);
        }

        return Build(document, runs, pageCount);
    }

    private static PdfDocument Open(byte[] bytes)
    {
        try
        {
            // Lenient parsing recovers broken xref tables and offsets; an empty user password is tried by default.
            return PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentReadException("PDF is encrypted with a password; remove the password and re-ingest it", ex);
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
            ? new DocumentReadException("PDF has no extractable text (scanned images? OCR is not supported)")
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

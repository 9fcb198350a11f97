using Rag.Ingest.Readers.Ocr;
using Rag.Ingest.Readers.Office;
using Rag.Ingest.Readers.Tables;

namespace Rag.Ingest.Readers;

/// <summary>
/// How the readers are configured (ZIP limits, table rows, OCR), so that a parser child builds exactly the readers its
/// parent was configured with.
/// </summary>
/// <param name="Zip">Limits for ZIP-based formats.</param>
/// <param name="MaxTableRows">Most rows of one CSV file or sheet.</param>
/// <param name="Ocr">OCR of scanned PDF pages; null: none.</param>
public sealed record ReaderSettings(ZipPackageLimits Zip, int MaxTableRows, PdfOcrOptions? Ocr)
{
    /// <summary>Every reader at its default limits, OCR by tesseract and pdftoppm from PATH.</summary>
    public static ReaderSettings Default { get; } = new(new ZipPackageLimits(), TableLimits.DefaultMaxRows, new PdfOcrOptions());

    /// <summary>A registry of readers with these settings.</summary>
    public DocumentReaderRegistry CreateRegistry() => DocumentReaderRegistry.Create(Zip, MaxTableRows, Ocr);
}

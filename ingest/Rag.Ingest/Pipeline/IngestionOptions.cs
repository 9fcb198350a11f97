using System.ComponentModel.DataAnnotations;
using Rag.Ingest.Readers.Ocr;
using Rag.Ingest.Readers.Office;
using Rag.Ingest.Readers.Tables;
using Rag.Core.Access;
using Rag.Ingest.Readers;

namespace Rag.Ingest.Pipeline;

/// <summary>Ingestion limits (configuration section <c>Rag:Ingestion</c>).</summary>
public sealed class IngestionOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Rag:Ingestion";

    /// <summary>Longest time one file may take to read before it is failed. Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PerFileTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest file accepted, in bytes. Default 256 MiB.</summary>
    [Range(1L, 16L * 1024 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Chunks embedded per call. Default 64.</summary>
    [Range(1, 4096)]
    public int EmbeddingBatchSize { get; set; } = 64;

    /// <summary>Files read ahead of the embedder (parse and embed overlap). Default 4.</summary>
    [Range(1, 256)]
    public int ReadAhead { get; set; } = 4;

    /// <summary>Most entries a ZIP-based document (DOCX, PPTX, XLSX) may hold. Default 10,000.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Rag:Ingestion:ZipMaxEntries must be between 1 and 1000000.")]
    public int ZipMaxEntries { get; set; } = ZipPackageLimits.DefaultMaxEntries;

    /// <summary>Most bytes the entries of a ZIP-based document may inflate to, all together. Default 512 MiB.</summary>
    [Range(1L, 64L * 1024 * 1024 * 1024, ErrorMessage = "Rag:Ingestion:ZipMaxUncompressedBytes must be between 1 and 68719476736.")]
    public long ZipMaxUncompressedBytes { get; set; } = ZipPackageLimits.DefaultMaxUncompressedBytes;

    /// <summary>Largest uncompressed-to-compressed ratio of one entry (zip bombs reach thousands). Default 200.</summary>
    [Range(1, 100_000, ErrorMessage = "Rag:Ingestion:ZipMaxCompressionRatio must be between 1 and 100000.")]
    public int ZipMaxCompressionRatio { get; set; } = ZipPackageLimits.DefaultMaxCompressionRatio;

    /// <summary>Refuse a package with two entries of the same name (compared case-insensitively, as OPC does). Default true.</summary>
    public bool ZipRejectDuplicateNames { get; set; } = true;

    /// <summary>Most data rows read from one CSV file or one spreadsheet sheet; more fails the document. Default 100,000.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Rag:Ingestion:MaxTableRows must be between 1 and 10000000.")]
    public int MaxTableRows { get; set; } = TableLimits.DefaultMaxRows;

    /// <summary>OCR PDF pages that have images but no text layer (Tesseract on pages rendered by pdftoppm). Default true.</summary>
    public bool OcrEnabled { get; set; } = true;

    /// <summary>The tesseract executable (a name looked up on PATH, or a full path). Default "tesseract".</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Rag:Ingestion:TesseractPath is required (e.g. tesseract).")]
    public string TesseractPath { get; set; } = PdfOcrOptions.DefaultTesseractPath;

    /// <summary>The pdftoppm executable (poppler-utils). Default "pdftoppm".</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Rag:Ingestion:PdftoppmPath is required (e.g. pdftoppm).")]
    public string PdftoppmPath { get; set; } = PdfOcrOptions.DefaultPdftoppmPath;

    /// <summary>Tesseract language(s), e.g. "eng" or "eng+deu"; the traineddata must be installed. Default "eng".</summary>
    [RegularExpression("^[A-Za-z_]{3,16}(\\+[A-Za-z_]{3,16}){0,7}$", ErrorMessage = "Rag:Ingestion:OcrLanguage must be tesseract language codes joined by '+', e.g. eng or eng+deu.")]
    public string OcrLanguage { get; set; } = PdfOcrOptions.DefaultLanguage;

    /// <summary>Resolution pages are rendered at for OCR, in dots per inch. Default 300.</summary>
    [Range(72, 600, ErrorMessage = "Rag:Ingestion:OcrDpi must be between 72 and 600.")]
    public int OcrDpi { get; set; } = PdfOcrOptions.DefaultDpi;

    /// <summary>Longest time one OCR tool run (rendering or recognising one page) may take; the process is killed past it. Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00", ErrorMessage = "Rag:Ingestion:OcrPageTimeout must be between 00:00:01 and 00:30:00.")]
    public TimeSpan OcrPageTimeout { get; set; } = PdfOcrOptions.DefaultPageTimeout;

    /// <summary>Most pages OCRed in one PDF; a scan with more fails with the reason. Default 500.</summary>
    [Range(1, 100_000, ErrorMessage = "Rag:Ingestion:OcrMaxPages must be between 1 and 100000.")]
    public int OcrMaxPages { get; set; } = PdfOcrOptions.DefaultMaxPages;
    /// <summary>Most pages one document may have; a longer one fails with the count. Default 10,000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxPagesPerDocument { get; set; } = 10_000;

    /// <summary>Most characters of text one document may yield; a larger one fails with the count. Default 20,000,000.</summary>
    [Range(1L, int.MaxValue)]
    public long MaxExtractedCharacters { get; set; } = 20_000_000;

    /// <summary>Most chunks one document may produce; a larger one fails with the count. Default 50,000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxChunksPerDocument { get; set; } = 50_000;

    /// <summary>
    /// Passwords that open encrypted PDFs, by document set name (<c>Rag:Ingestion:PdfPasswords:&lt;set&gt;</c>); a set
    /// without one fails its encrypted PDFs with "encrypted". Never logged.
    /// </summary>
    public Dictionary<string, string> PdfPasswords { get; set; } = [];

    /// <summary>The PDF password configured for <paramref name="setName"/>, compared by the set-name rule; null when none.</summary>
    public string? PdfPasswordFor(string setName)
    {
        foreach (var (name, password) in PdfPasswords)
        {
            if (NameKey.Comparer.Equals(name, setName))
            {
                return password;
            }
        }

        return null;
    }

    /// <summary>The limits the document reader applies.</summary>
    public DocumentReadLimits ReadLimits() => new()
    {
        TimeLimit = PerFileTimeout,
        MaxFileSizeBytes = MaxFileBytes,
        MaxPages = MaxPagesPerDocument,
        MaxCharacters = MaxExtractedCharacters,
    };

    /// <summary>The readers' settings: ZIP limits, table rows and OCR (null when OCR is off).</summary>
    public ReaderSettings ReaderSettings() => new(
        new ZipPackageLimits
        {
            MaxEntries = ZipMaxEntries,
            MaxUncompressedBytes = ZipMaxUncompressedBytes,
            MaxCompressionRatio = ZipMaxCompressionRatio,
            RejectDuplicateNames = ZipRejectDuplicateNames,
        },
        MaxTableRows,
        OcrEnabled
            ? new PdfOcrOptions
            {
                TesseractPath = TesseractPath,
                PdftoppmPath = PdftoppmPath,
                Language = OcrLanguage,
                Dpi = OcrDpi,
                PageTimeout = OcrPageTimeout,
                MaxPages = OcrMaxPages,
            }
            : null);
}

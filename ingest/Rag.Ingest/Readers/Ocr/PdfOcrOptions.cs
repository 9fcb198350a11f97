namespace Rag.Ingest.Readers.Ocr;

/// <summary>
/// How scanned PDF pages are OCRed: rendered by pdftoppm (poppler-utils), recognised by tesseract
/// (configuration <c>Rag:Ingestion:Ocr*</c>, <c>Rag:Ingestion:TesseractPath</c>, <c>Rag:Ingestion:PdftoppmPath</c>).
/// </summary>
public sealed record PdfOcrOptions
{
    /// <summary>Default tesseract executable, looked up on PATH.</summary>
    public const string DefaultTesseractPath = "tesseract";

    /// <summary>Default pdftoppm executable, looked up on PATH.</summary>
    public const string DefaultPdftoppmPath = "pdftoppm";

    /// <summary>Default language: English (Debian package tesseract-ocr-eng).</summary>
    public const string DefaultLanguage = "eng";

    /// <summary>Default rendering resolution: 300 dpi, what Tesseract is tuned for.</summary>
    public const int DefaultDpi = 300;

    /// <summary>Default limit on one tool run: 60 s.</summary>
    public static readonly TimeSpan DefaultPageTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Default most pages OCRed per PDF: 500.</summary>
    public const int DefaultMaxPages = 500;

    /// <summary>The longest side of a rendered page, in pixels; a huge page is rendered at a lower resolution instead.</summary>
    public const int MaxPixelsPerSide = 8000;

    /// <summary>The tesseract executable.</summary>
    public string TesseractPath { get; init; } = DefaultTesseractPath;

    /// <summary>The pdftoppm executable.</summary>
    public string PdftoppmPath { get; init; } = DefaultPdftoppmPath;

    /// <summary>Tesseract language codes joined by '+'.</summary>
    public string Language { get; init; } = DefaultLanguage;

    /// <summary>Rendering resolution in dots per inch.</summary>
    public int Dpi { get; init; } = DefaultDpi;

    /// <summary>Longest time one tool run may take before its process is killed.</summary>
    public TimeSpan PageTimeout { get; init; } = DefaultPageTimeout;

    /// <summary>Most pages OCRed in one PDF.</summary>
    public int MaxPages { get; init; } = DefaultMaxPages;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the bad setting.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(TesseractPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(PdftoppmPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(Language);
        if (Dpi is < 72 or > 600)
        {
            throw new ArgumentOutOfRangeException(nameof(Dpi), Dpi, "Rag:Ingestion:OcrDpi must be between 72 and 600.");
        }

        if (PageTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PageTimeout), PageTimeout, "Rag:Ingestion:OcrPageTimeout must be positive.");
        }

        if (MaxPages < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPages), MaxPages, "Rag:Ingestion:OcrMaxPages must be at least 1.");
        }
    }
}

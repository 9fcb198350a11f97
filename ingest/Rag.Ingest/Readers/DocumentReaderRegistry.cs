using System.Diagnostics.CodeAnalysis;
using Rag.Ingest.Readers.Email;
using Rag.Ingest.Readers.Ocr;
using Rag.Ingest.Readers.Office;
using Rag.Ingest.Readers.Tables;

namespace Rag.Ingest.Readers;

/// <summary>Picks the reader for a file by its extension (case-insensitive).</summary>
public sealed class DocumentReaderRegistry
{
    private readonly Dictionary<string, IDocumentReader> _byExtension = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers <paramref name="readers"/>; two readers claiming one extension is a configuration error.</summary>
    public DocumentReaderRegistry(IEnumerable<IDocumentReader> readers)
    {
        ArgumentNullException.ThrowIfNull(readers);
        foreach (var reader in readers)
        {
            foreach (var extension in reader.Extensions)
            {
                var key = Normalize(extension);
                if (!_byExtension.TryAdd(key, reader))
                {
                    throw new ArgumentException($"Extension '{key}' is claimed by both {_byExtension[key].GetType().Name} and {reader.GetType().Name}.", nameof(readers));
                }
            }
        }

        SupportedExtensions = _byExtension.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Lower-case extensions with the dot, sorted: ".csv", ".docx", ".eml", ".htm", ".html", ".markdown", ".md", ".pdf", ".pptx", ".text", ".txt", ".xlsx".</summary>
    public IReadOnlyList<string> SupportedExtensions { get; }

    /// <summary>A registry with every reader at its default limits (PDF with OCR by tesseract and pdftoppm from PATH).</summary>
    public static DocumentReaderRegistry CreateDefault() =>
        Create(new ZipPackageLimits(), TableLimits.DefaultMaxRows, new PdfOcrOptions());

    /// <summary>
    /// A registry with the PDF, Markdown, HTML, plain-text, DOCX, PPTX, XLSX, CSV and e-mail readers; ZIP-based formats
    /// are checked against <paramref name="zip"/>, tables bounded by <paramref name="maxTableRows"/>, and scanned PDF
    /// pages OCRed with <paramref name="ocr"/> (null: no OCR).
    /// </summary>
    public static DocumentReaderRegistry Create(ZipPackageLimits zip, int maxTableRows, PdfOcrOptions? ocr) => new(
    [
        new PdfDocumentReader(ocr),
        new MarkdownDocumentReader(),
        new HtmlDocumentReader(),
        new PlainTextDocumentReader(),
        new DocxDocumentReader(zip),
        new PptxDocumentReader(zip),
        new XlsxDocumentReader(zip, maxTableRows),
        new CsvDocumentReader(maxTableRows),
        new EmlDocumentReader(),
    ]);

    /// <summary>Finds the reader for <paramref name="path"/>'s extension; false when the format is not supported.</summary>
    public bool TryGetReader(string path, [MaybeNullWhen(false)] out IDocumentReader reader)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path);
        if (extension.Length > 0 && _byExtension.TryGetValue(extension, out var found))
        {
            reader = found;
            return true;
        }

        reader = null;
        return false;
    }

    private static string Normalize(string extension)
    {
        var trimmed = extension.Trim().ToLowerInvariant();
        return trimmed.StartsWith('.') ? trimmed : "." + trimmed;
    }
}

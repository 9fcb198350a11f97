using Rag.Ingest.Readers;
using Rag.Ingest.Readers.Ocr;

namespace Rag.Ingest.Tests.Readers.Ocr;

public sealed class PdfOcrTests
{
    [Fact]
    public async Task ReadAsync_ScannedSecondPage_OcrTextOnPageTwo()
    {
        var pdf = ScannedPdfs.TextThenScan("Welcome to the facilities guide.", "The badge office is in room 114.", "It opens at nine.");

        var parsed = await ReaderAssertions.ReadBytesAsync(new PdfDocumentReader(new PdfOcrOptions()), pdf, "guide.pdf");

        Assert.Equal(2, parsed.PageCount);
        Assert.Equal(1, parsed.Blocks.Single(b => b.Text.Contains("facilities guide", StringComparison.Ordinal)).Page);
        var scanned = parsed.Blocks.Where(b => b.Page == 2).Select(b => b.Text).ToList();
        Assert.Contains(scanned, t => t.Contains("badge office is in room 114", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_ScanWithoutOcr_FailsAsNoText()
    {
        var pdf = ScannedPdfs.ScanOnly("Nothing here is text.");

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReaderAssertions.ReadBytesAsync(new PdfDocumentReader(), pdf, "scan.pdf"));

        Assert.Contains("no extractable text", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TesseractMissing_FailsSayingWhatToInstall()
    {
        var pdf = ScannedPdfs.ScanOnly("Scanned text.");
        var reader = new PdfDocumentReader(new PdfOcrOptions { TesseractPath = "/nonexistent/rag-test/tesseract" });

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReaderAssertions.ReadBytesAsync(reader, pdf, "scan.pdf"));

        Assert.Contains("apt-get install tesseract-ocr tesseract-ocr-eng", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Rag:Ingestion:TesseractPath", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_PdftoppmMissing_FailsSayingWhatToInstall()
    {
        var pdf = ScannedPdfs.ScanOnly("Scanned text.");
        var reader = new PdfDocumentReader(new PdfOcrOptions { PdftoppmPath = "/nonexistent/rag-test/pdftoppm" });

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReaderAssertions.ReadBytesAsync(reader, pdf, "scan.pdf"));

        Assert.Contains("poppler-utils", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_MoreScannedPagesThanTheLimit_FailsNamingTheKey()
    {
        var pdf = ScannedPdfs.Scans(2, "Scanned text.");
        var reader = new PdfDocumentReader(new PdfOcrOptions { MaxPages = 1 });

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReaderAssertions.ReadBytesAsync(reader, pdf, "two.pdf"));

        Assert.Contains("Rag:Ingestion:OcrMaxPages", ex.Message, StringComparison.Ordinal);
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Ingest.Pipeline;
using Rag.Ingest.Readers;
using Rag.Ingest.Tests.Readers;
using Rag.Ingest.Tests.Readers.Ocr;
using Rag.Ingest.Tests.Readers.Office;

namespace Rag.Ingest.Tests.Pipeline;

public sealed class IngestionFormatOptionsTests
{
    [Fact]
    public void Ctor_Defaults_Pinned()
    {
        var options = new IngestionOptions();

        Assert.Equal(10_000, options.ZipMaxEntries);
        Assert.Equal(512L * 1024 * 1024, options.ZipMaxUncompressedBytes);
        Assert.Equal(200, options.ZipMaxCompressionRatio);
        Assert.True(options.ZipRejectDuplicateNames);
        Assert.Equal(100_000, options.MaxTableRows);
        Assert.True(options.OcrEnabled);
        Assert.Equal("tesseract", options.TesseractPath);
        Assert.Equal("pdftoppm", options.PdftoppmPath);
        Assert.Equal("eng", options.OcrLanguage);
        Assert.Equal(300, options.OcrDpi);
        Assert.Equal(TimeSpan.FromSeconds(60), options.OcrPageTimeout);
        Assert.Equal(500, options.OcrMaxPages);
    }

    [Theory]
    [InlineData("ZipMaxEntries", "0")]
    [InlineData("ZipMaxUncompressedBytes", "0")]
    [InlineData("ZipMaxCompressionRatio", "0")]
    [InlineData("MaxTableRows", "0")]
    [InlineData("OcrDpi", "20")]
    [InlineData("OcrPageTimeout", "00:00:00")]
    [InlineData("OcrMaxPages", "0")]
    [InlineData("OcrLanguage", "eng;rm -rf")]
    [InlineData("TesseractPath", "")]
    public void AddRagIngest_BadValue_FailsNamingTheKey(string key, string value)
    {
        using var services = Build(new() { ["Rag:Ingestion:" + key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IngestionOptions>>().Value);

        Assert.Contains("Rag:Ingestion:" + key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRagIngest_ConfiguredZipLimit_ReachesTheDocxReader()
    {
        using var services = Build(new() { ["Rag:Ingestion:ZipMaxEntries"] = "20" });
        var docx = OfficeTestDocuments.WithExtraEntries(
            OfficeTestDocuments.Docx(null, [new(null, "Text.")]), Enumerable.Range(0, 30).Select(i => ($"word/media/e{i}.bin", new byte[] { 1 })));

        Assert.True(services.GetRequiredService<DocumentReaderRegistry>().TryGetReader("a.docx", out var reader));
        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReaderAssertions.ReadBytesAsync(reader, docx, "a.docx"));

        Assert.Contains("Rag:Ingestion:ZipMaxEntries", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRagIngest_TesseractPathToMissingBinary_ScanFailsSayingWhatToInstall()
    {
        using var services = Build(new() { ["Rag:Ingestion:TesseractPath"] = "/nonexistent/rag-test/tesseract" });

        Assert.True(services.GetRequiredService<DocumentReaderRegistry>().TryGetReader("scan.pdf", out var reader));
        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReaderAssertions.ReadBytesAsync(reader, ScannedPdfs.ScanOnly("Scanned."), "scan.pdf"));

        Assert.Contains("apt-get install tesseract-ocr tesseract-ocr-eng", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRagIngest_OcrDisabled_ScanFailsAsNoText()
    {
        using var services = Build(new() { ["Rag:Ingestion:OcrEnabled"] = "false" });

        Assert.True(services.GetRequiredService<DocumentReaderRegistry>().TryGetReader("scan.pdf", out var reader));
        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReaderAssertions.ReadBytesAsync(reader, ScannedPdfs.ScanOnly("Scanned."), "scan.pdf"));

        Assert.Contains("Rag:Ingestion:OcrEnabled", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddRagIngest(configuration).BuildServiceProvider();
    }
}

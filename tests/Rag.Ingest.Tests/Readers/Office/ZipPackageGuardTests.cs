using Rag.Ingest.Readers;
using Rag.Ingest.Readers.Office;

namespace Rag.Ingest.Tests.Readers.Office;

public sealed class ZipPackageGuardTests
{
    private static byte[] SmallDocx() =>
        OfficeTestDocuments.Docx("Policy", [new("Heading1", "Scope"), new(null, "This policy applies to all staff.")]);

    [Fact]
    public async Task ReadAsync_ZipBombDocx_RefusedNamingTheRatioLimit()
    {
        // 64 MiB of zeros deflate to about 64 KiB: a ratio near 1000, far past the default of 200.
        var bomb = OfficeTestDocuments.WithExtraEntries(SmallDocx(), [("word/media/bomb.bin", new byte[64 * 1024 * 1024])]);
        Assert.True(bomb.Length < 1024 * 1024);

        var ex = await Assert.ThrowsAsync<DocumentReadException>(
            () => ReaderAssertions.ReadBytesAsync(new DocxDocumentReader(), bomb, "bomb.docx"));

        Assert.Contains("word/media/bomb.bin", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Rag:Ingestion:ZipMaxCompressionRatio", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_InflatesPastTotalLimit_RefusedNamingTheKey()
    {
        var docx = OfficeTestDocuments.WithExtraEntries(SmallDocx(), [("word/media/noise.bin", RandomBytes(300_000))]);
        var limits = new ZipPackageLimits { MaxUncompressedBytes = 200_000 };

        var ex = await Assert.ThrowsAsync<DocumentReadException>(
            () => ReaderAssertions.ReadBytesAsync(new DocxDocumentReader(limits), docx, "big.docx"));

        Assert.Contains("Rag:Ingestion:ZipMaxUncompressedBytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TooManyEntries_RefusedNamingTheKey()
    {
        var docx = OfficeTestDocuments.WithExtraEntries(SmallDocx(), Enumerable.Range(0, 40).Select(i => ($"word/media/e{i}.bin", new byte[] { 1 })));
        var limits = new ZipPackageLimits { MaxEntries = 30 };

        var ex = await Assert.ThrowsAsync<DocumentReadException>(
            () => ReaderAssertions.ReadBytesAsync(new DocxDocumentReader(limits), docx, "many.docx"));

        Assert.Contains("Rag:Ingestion:ZipMaxEntries", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_DuplicateEntryName_RefusedNamingTheKey()
    {
        var docx = OfficeTestDocuments.WithExtraEntries(SmallDocx(), [("word/document.xml", "<w:document/>"u8.ToArray())]);

        var ex = await Assert.ThrowsAsync<DocumentReadException>(
            () => ReaderAssertions.ReadBytesAsync(new DocxDocumentReader(), docx, "twice.docx"));

        Assert.Contains("word/document.xml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Rag:Ingestion:ZipRejectDuplicateNames", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OrdinaryDocxWithinLimits_Read()
    {
        var docx = OfficeTestDocuments.WithExtraEntries(SmallDocx(), [("word/media/noise.bin", RandomBytes(300_000))]);

        var parsed = await ReaderAssertions.ReadBytesAsync(new DocxDocumentReader(), docx, "ok.docx");

        Assert.Contains(parsed.Blocks, b => b.Text == "This policy applies to all staff.");
    }

    [Fact]
    public void Validate_ZeroEntries_ThrowsNamingTheKey()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ZipPackageLimits { MaxEntries = 0 }.Validate());

        Assert.Contains("Rag:Ingestion:ZipMaxEntries", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }
}

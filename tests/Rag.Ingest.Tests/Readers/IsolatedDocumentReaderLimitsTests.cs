using Rag.Ingest.Readers;
using Rag.Ingest.Tests.Sandbox;
using Rag.Testing;

namespace Rag.Ingest.Tests.Readers;

/// <summary>The page, character, size and password rules, in-process and in a parser child alike.</summary>
public sealed class IsolatedDocumentReaderLimitsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadAsync_MorePagesThanLimit_FailsWithCountAndLimit(bool inChild)
    {
        var path = Write("three.pdf", PdfTestDocuments.Build(null, PdfTestDocuments.Page("One."), PdfTestDocuments.Page("Two."), PdfTestDocuments.Page("Three.")));
        using var limited = Reader(new DocumentReadLimits { MaxPages = 2 }, inChild);
        using var unlimited = Reader(new DocumentReadLimits { MaxPages = 3 }, inChild);

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => limited.ReadAsync(new PdfDocumentReader(), path));
        var read = await unlimited.ReadAsync(new PdfDocumentReader(), path);

        Assert.Equal("document has 3 pages, more than the limit of 2 (Rag:Ingestion:MaxPagesPerDocument)", ex.Message);
        Assert.Equal(3, read.PageCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadAsync_MoreCharactersThanLimit_FailsWithCountAndLimit(bool inChild)
    {
        var path = Write("long.txt", System.Text.Encoding.UTF8.GetBytes(new string('a', 120)));
        using var limited = Reader(new DocumentReadLimits { MaxCharacters = 100 }, inChild);
        using var unlimited = Reader(new DocumentReadLimits { MaxCharacters = 120 }, inChild);

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => limited.ReadAsync(new PlainTextDocumentReader(), path));
        var read = await unlimited.ReadAsync(new PlainTextDocumentReader(), path);

        Assert.Equal("document has 120 characters of text, more than the limit of 100 (Rag:Ingestion:MaxExtractedCharacters)", ex.Message);
        Assert.Equal(120, read.Text.Length);
    }

    [Fact]
    public async Task ReadAsync_InChildFileLargerThanLimit_FailsBeforeParsing()
    {
        var path = Write("big.txt", new byte[2048]);
        using var sandboxed = Reader(new DocumentReadLimits { MaxFileSizeBytes = 1024 }, inChild: true);

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => sandboxed.ReadAsync(new PlainTextDocumentReader(), path));

        Assert.Equal("file is larger than the limit (2,048 bytes > 1,024 bytes)", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadAsync_EncryptedPdfWithPassword_ReadsAndWithoutFailsAsEncrypted(bool inChild)
    {
        var path = RepoPaths.SharedPath("data", "hostile-pdfs", "encrypted-password-is-password.pdf");
        using var reader = Reader(new DocumentReadLimits(), inChild);

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => reader.ReadAsync(new PdfDocumentReader(), path));
        var wrong = await Assert.ThrowsAsync<DocumentReadException>(() => reader.ReadAsync(new PdfDocumentReader(), path, "not-it", TimeSpan.FromSeconds(30)));
        var read = await reader.ReadAsync(new PdfDocumentReader(), path, "password", TimeSpan.FromSeconds(30));

        Assert.StartsWith("PDF is encrypted", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Rag:Ingestion:PdfPasswords:<set>", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("PDF is encrypted and the password configured for its set does not open it", wrong.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-it", wrong.Message, StringComparison.Ordinal);
        Assert.NotEmpty(read.Blocks);
    }

    public void Dispose() => _temp.Dispose();

    private static IsolatedDocumentReader Reader(DocumentReadLimits limits, bool inChild) =>
        new(limits, inChild ? ParseChildTestHost.Sandbox() : null);

    private string Write(string name, byte[] bytes)
    {
        var path = _temp.Combine(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}

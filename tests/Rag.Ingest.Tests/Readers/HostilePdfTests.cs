using System.Diagnostics;
using Rag.Ingest.Readers;
using Rag.Testing;
using Xunit.Abstractions;

namespace Rag.Ingest.Tests.Readers;

/// <summary>PDFs known to hang, overflow or crash parsers must each end as read or failed-with-a-reason, in bounded time.</summary>
public sealed class HostilePdfTests(ITestOutputHelper output)
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(20);

    public static TheoryData<string> HostileFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepoPaths.SharedPath("data", "hostile-pdfs"), "*.pdf").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task ReadAsync_HostilePdf_ReadsOrFailsWithReasonWithinLimit(string fileName)
    {
        var path = RepoPaths.SharedPath("data", "hostile-pdfs", fileName);
        var clock = Stopwatch.StartNew();

        try
        {
            var parsed = await ReadAsync(path);
            ReaderAssertions.OffsetsAreConsistent(parsed);
            Assert.NotEmpty(parsed.Blocks);
            output.WriteLine($"{fileName}: read, {parsed.PageCount} page(s), {parsed.Blocks.Count} block(s), {clock.ElapsedMilliseconds} ms");
        }
        catch (DocumentReadException ex)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            output.WriteLine($"{fileName}: failed in {clock.ElapsedMilliseconds} ms: {ex.Message}");
        }

        Assert.True(clock.Elapsed < TimeLimit + TimeSpan.FromSeconds(5), $"{fileName} took {clock.Elapsed}");
    }

    [Fact]
    public async Task ReadAsync_UserPasswordEncryptedPdf_FailsMentioningPassword()
    {
        var ex = await Assert.ThrowsAsync<DocumentReadException>(
            () => ReadAsync(RepoPaths.SharedPath("data", "hostile-pdfs", "encrypted-password-is-password.pdf")));

        Assert.Contains("encrypted", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("password", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("EmptyPdf.pdf", "PDF is empty")]
    [InlineData("pages-indirect-to-null.pdf", "PDF is empty")]
    [InlineData("Hang.pdf", "PDF is malformed")]
    public async Task ReadAsync_KnownBrokenPdf_FailsWithSpecificReason(string fileName, string reasonStart)
    {
        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReadAsync(RepoPaths.SharedPath("data", "hostile-pdfs", fileName)));

        Assert.StartsWith(reasonStart, ex.Message, StringComparison.Ordinal);
    }

    private static Task<Rag.Core.Documents.ParsedDocument> ReadAsync(string path) =>
        new IsolatedDocumentReader().ReadAsync(new PdfDocumentReader(), path, TimeLimit);
}

using System.Text;
using Rag.Core.Documents;
using Rag.Ingest.Readers;
using Rag.Testing;

namespace Rag.Ingest.Tests.Readers;

public sealed class PdfDocumentReaderTests
{
    private readonly PdfDocumentReader _reader = new();

    [Fact]
    public async Task ReadAsync_MultiPageDocument_ReturnsSentencesOnTheirPages()
    {
        var pdf = PdfTestDocuments.Build(
            "Leave policy",
            PdfTestDocuments.Page("Employees accrue two days of paid leave per month.", "Unused leave expires at the end of March."),
            PdfTestDocuments.Page("Remote work requires approval from your manager."),
            PdfTestDocuments.Page("Expense claims are paid within ten working days."));

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, pdf, "policy.pdf");

        Assert.Equal(3, parsed.PageCount);
        Assert.Equal(1, PageOf(parsed, "two days of paid leave"));
        Assert.Equal(1, PageOf(parsed, "expires at the end of March"));
        Assert.Equal(2, PageOf(parsed, "Remote work requires approval"));
        Assert.Equal(3, PageOf(parsed, "paid within ten working days"));
        Assert.All(parsed.Blocks, b => Assert.InRange(b.Page, 1, 3));
    }

    [Fact]
    public async Task ReadAsync_PagesInOrder_TextIsInReadingOrder()
    {
        var pdf = PdfTestDocuments.Build(
            null,
            PdfTestDocuments.Page("Alpha sentence comes first on the page.", string.Empty, "Bravo sentence follows after a gap."),
            PdfTestDocuments.Page("Charlie sentence is on the next page."));

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, pdf, "order.pdf");

        var text = parsed.Text;
        var alpha = text.IndexOf("Alpha", StringComparison.Ordinal);
        var bravo = text.IndexOf("Bravo", StringComparison.Ordinal);
        var charlie = text.IndexOf("Charlie", StringComparison.Ordinal);
        Assert.True(alpha >= 0 && alpha < bravo && bravo < charlie, text);
    }

    [Fact]
    public async Task ReadAsync_LargerFontLines_BecomeHeadingsRankedBySize()
    {
        var pdf = PdfTestDocuments.Build(
            null,
            [
                new PdfLine("Employee Handbook", 24),
                new PdfLine("Annual Leave", 16),
                new PdfLine("Every employee receives twenty-five days of annual leave per calendar year."),
                new PdfLine("Requests are made in the HR portal at least two weeks in advance."),
            ],
            [
                new PdfLine("Remote Work", 16),
                new PdfLine("Staff may work remotely up to three days a week with manager approval."),
            ]);

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, pdf, "handbook.pdf");

        var headings = ReaderAssertions.Headings(parsed);
        Assert.Collection(
            headings,
            h => Assert.Equal(("Employee Handbook", 1, 1), (h.Text, h.HeadingLevel, h.Page)),
            h => Assert.Equal(("Annual Leave", 2, 1), (h.Text, h.HeadingLevel, h.Page)),
            h => Assert.Equal(("Remote Work", 2, 2), (h.Text, h.HeadingLevel, h.Page)));
        Assert.Contains(parsed.Blocks, b => b.Kind == BlockKind.Paragraph && b.Text.Contains("twenty-five days", StringComparison.Ordinal));
        Assert.Equal("Employee Handbook", parsed.Title);
    }

    [Fact]
    public async Task ReadAsync_SameSizeText_HasNoHeadings()
    {
        var pdf = PdfTestDocuments.Build(null, PdfTestDocuments.Page("Short line", string.Empty, "Another short line without a period"));

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, pdf, "plain.pdf");

        Assert.Empty(ReaderAssertions.Headings(parsed));
        Assert.Null(parsed.Title);
    }

    [Fact]
    public async Task ReadAsync_InformationTitle_WinsOverFirstHeading()
    {
        var pdf = PdfTestDocuments.Build("Metadata Title", [new PdfLine("Visible Heading", 20), new PdfLine("Body text for the page goes here.")]);

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, pdf, "titled.pdf");

        Assert.Equal("Metadata Title", parsed.Title);
    }

    [Fact]
    public async Task ReadAsync_BlankPage_FailsAsEmpty()
    {
        var pdf = PdfTestDocuments.Build(null, []);

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReaderAssertions.ReadBytesAsync(_reader, pdf, "blank.pdf"));

        Assert.StartsWith("PDF is empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ZeroBytes_FailsAsEmpty()
    {
        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReaderAssertions.ReadBytesAsync(_reader, [], "zero.pdf"));

        Assert.StartsWith("PDF is empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NotAPdf_FailsAsMalformed()
    {
        var bytes = Encoding.ASCII.GetBytes("This is a text file with a .pdf extension, not a PDF.");

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReaderAssertions.ReadBytesAsync(_reader, bytes, "fake.pdf"));

        Assert.StartsWith("PDF is malformed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TruncatedPdf_FailsWithReasonOrReadsWhatIsLeft()
    {
        var pdf = PdfTestDocuments.Build(null, PdfTestDocuments.Page("Truncation test sentence on page one."));
        var truncated = pdf[..(pdf.Length / 2)];

        try
        {
            var parsed = await ReaderAssertions.ReadBytesAsync(_reader, truncated, "truncated.pdf");
            Assert.NotEmpty(parsed.Blocks);
        }
        catch (DocumentReadException ex)
        {
            Assert.StartsWith("PDF ", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReadAsync_EncryptedWithEmptyUserPassword_IsRead()
    {
        // RC4 40-bit, owner password set, user password empty: viewers open it without asking, so must we.
        var bytes = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "tests", "Rag.Ingest.Tests", "TestData", "encrypted-empty-user-password.pdf"));

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, bytes, "encrypted-empty-user-password.pdf");

        Assert.Equal("This sentence was encrypted with an empty user password.", Assert.Single(parsed.Blocks).Text);
        Assert.Equal("Encrypted Sample", parsed.Title);
    }

    private static int PageOf(ParsedDocument parsed, string phrase) =>
        parsed.Blocks.Single(b => b.Text.Contains(phrase, StringComparison.Ordinal)).Page;
}

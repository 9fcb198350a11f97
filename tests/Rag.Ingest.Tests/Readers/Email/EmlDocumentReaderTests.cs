using Rag.Core.Documents;
using Rag.Ingest.Readers;
using Rag.Ingest.Readers.Email;

namespace Rag.Ingest.Tests.Readers.Email;

public sealed class EmlDocumentReaderTests
{
    private readonly EmlDocumentReader _reader = new();

    [Fact]
    public async Task ReadAsync_TextMessage_SubjectTitleHeadersAndBody()
    {
        var eml = EmlTestMessages.Build("Lift maintenance", "The east lift is closed on Tuesday.\n\nUse the west lift instead.", null);

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, eml, "lift.eml");

        Assert.Equal("Lift maintenance", parsed.Title);
        Assert.Equal("Lift maintenance", parsed.Blocks[0].Text);
        Assert.Equal(BlockKind.Heading, parsed.Blocks[0].Kind);
        Assert.Contains("From: \"Facilities\" <facilities@example.org>", parsed.Blocks[1].Text, StringComparison.Ordinal);
        Assert.Contains("To: \"All Staff\" <staff@example.org>", parsed.Blocks[1].Text, StringComparison.Ordinal);
        Assert.Contains("Date: 2026-03-02 09:30 +01:00", parsed.Blocks[1].Text, StringComparison.Ordinal);
        Assert.Contains(parsed.Blocks, b => b.Text == "The east lift is closed on Tuesday.");
        Assert.Contains(parsed.Blocks, b => b.Text == "Use the west lift instead.");
    }

    [Fact]
    public async Task ReadAsync_HtmlOnlyBody_VisibleTextOnly()
    {
        var eml = EmlTestMessages.Build("Menu", null, "<html><head><style>p{color:red}</style></head><body><h2>Friday</h2><p>Fish soup</p><script>track()</script></body></html>");

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, eml, "menu.eml");

        Assert.Contains(parsed.Blocks, b => b.Kind == BlockKind.Heading && b.Text == "Friday");
        Assert.Contains(parsed.Blocks, b => b.Text == "Fish soup");
        Assert.DoesNotContain("track()", parsed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("color:red", parsed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Attachments_TextReadOthersListed()
    {
        var eml = EmlTestMessages.Build(
            "Minutes",
            "Minutes attached.",
            null,
            EmlTestMessages.TextAttachment("minutes.txt", "Decision: the kitchen closes at 18:00."),
            EmlTestMessages.BinaryAttachment("scan.pdf", "application", "pdf"));

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, eml, "minutes.eml");

        Assert.Contains(parsed.Blocks, b => b.Kind == BlockKind.Heading && b.Text == "Attachment: minutes.txt");
        Assert.Contains(parsed.Blocks, b => b.Text == "Decision: the kitchen closes at 18:00.");
        Assert.Contains(parsed.Blocks, b => b.Text == "Attachment not indexed: scan.pdf (application/pdf)");
    }

    [Fact]
    public async Task ReadAsync_EmptyFile_FailsWithReason()
    {
        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReaderAssertions.ReadBytesAsync(_reader, [], "empty.eml"));

        Assert.Contains("e-mail is empty", ex.Message, StringComparison.Ordinal);
    }
}

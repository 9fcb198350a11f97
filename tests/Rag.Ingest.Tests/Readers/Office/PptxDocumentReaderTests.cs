using Rag.Core.Documents;
using Rag.Ingest.Readers.Office;

namespace Rag.Ingest.Tests.Readers.Office;

public sealed class PptxDocumentReaderTests
{
    private readonly PptxDocumentReader _reader = new();

    [Fact]
    public async Task ReadAsync_Slides_EachSlideAPageWithTitleHeading()
    {
        var pptx = OfficeTestDocuments.Pptx(null,
        [
            new("Quarterly Review", ["Revenue grew in every region."]),
            new("Hiring Plan", ["We will hire twelve engineers."], [["Team", "Hires"], ["Platform", "5"]], "Mention the budget freeze."),
        ]);

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, pptx, "review.pptx");

        Assert.Equal("Quarterly Review", parsed.Title);
        Assert.Equal(2, parsed.PageCount);
        var headings = ReaderAssertions.Headings(parsed).Select(h => (h.Text, h.Page)).ToList();
        Assert.Equal([("Quarterly Review", 1), ("Hiring Plan", 2)], headings);
        Assert.Equal(2, parsed.Blocks.Single(b => b.Text == "We will hire twelve engineers.").Page);
        Assert.Equal(2, parsed.Blocks.Single(b => b.Text == "Platform | 5").Page);
        Assert.Equal(2, parsed.Blocks.Single(b => b.Text == "Mention the budget freeze.").Page);
        Assert.Equal(1, parsed.Blocks.Single(b => b.Kind == BlockKind.Paragraph && b.Text.StartsWith("Revenue", StringComparison.Ordinal)).Page);
    }
}

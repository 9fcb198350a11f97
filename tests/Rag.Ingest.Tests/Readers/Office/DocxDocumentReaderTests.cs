using Rag.Core.Documents;
using Rag.Ingest.Readers.Office;

namespace Rag.Ingest.Tests.Readers.Office;

public sealed class DocxDocumentReaderTests
{
    private readonly DocxDocumentReader _reader = new();

    [Fact]
    public async Task ReadAsync_StyledParagraphs_HeadingsWithLevelsAndParagraphs()
    {
        var docx = OfficeTestDocuments.Docx(null,
        [
            new("Title", "Travel Handbook"),
            new("Heading1", "Booking"),
            new(null, "Book trains through the travel desk."),
            new("Heading2", "Hotels"),
            new(null, "Hotels up to 150 euros a night are approved."),
            new("MySection", "Inherited level"),
        ]);

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, docx, "handbook.docx");

        Assert.Equal("Travel Handbook", parsed.Title);
        var headings = ReaderAssertions.Headings(parsed).Select(h => (h.Text, h.HeadingLevel)).ToList();
        Assert.Equal([("Travel Handbook", 1), ("Booking", 1), ("Hotels", 2), ("Inherited level", 2)], headings);
        Assert.Contains(parsed.Blocks, b => b.Kind == BlockKind.Paragraph && b.Text == "Hotels up to 150 euros a night are approved.");
        Assert.All(parsed.Blocks, b => Assert.Equal(0, b.Page));
    }

    [Fact]
    public async Task ReadAsync_Table_EachRowOneParagraphOfCells()
    {
        var docx = OfficeTestDocuments.Docx("Rates", [new(null, "Daily allowances:")], [["City", "Rate"], ["Oslo", "95 EUR"]]);

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, docx, "rates.docx");

        Assert.Equal("Rates", parsed.Title);
        Assert.Contains(parsed.Blocks, b => b.Text == "City | Rate");
        Assert.Contains(parsed.Blocks, b => b.Text == "Oslo | 95 EUR");
    }

    [Fact]
    public async Task ReadAsync_NotAZipPackage_FailsWithReason()
    {
        var ex = await Assert.ThrowsAsync<Rag.Ingest.Readers.DocumentReadException>(
            () => ReaderAssertions.ReadTextAsync(_reader, "this is not a word document", "fake.docx"));

        Assert.Contains("DOCX is not a valid ZIP package", ex.Message, StringComparison.Ordinal);
    }
}

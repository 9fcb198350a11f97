using Rag.Ingest.Readers;

namespace Rag.Ingest.Tests.Readers;

public sealed class DocumentReaderRegistryTests
{
    private readonly DocumentReaderRegistry _registry = DocumentReaderRegistry.CreateDefault();

    [Theory]
    [InlineData("docs/handbook.pdf", typeof(PdfDocumentReader))]
    [InlineData("HANDBOOK.PDF", typeof(PdfDocumentReader))]
    [InlineData("policy.md", typeof(MarkdownDocumentReader))]
    [InlineData("policy.Markdown", typeof(MarkdownDocumentReader))]
    [InlineData("faq.html", typeof(HtmlDocumentReader))]
    [InlineData("faq.HTM", typeof(HtmlDocumentReader))]
    [InlineData("notes.txt", typeof(PlainTextDocumentReader))]
    [InlineData("notes.text", typeof(PlainTextDocumentReader))]
    [InlineData("report.docx", typeof(Rag.Ingest.Readers.Office.DocxDocumentReader))]
    [InlineData("deck.PPTX", typeof(Rag.Ingest.Readers.Office.PptxDocumentReader))]
    [InlineData("budget.xlsx", typeof(Rag.Ingest.Readers.Office.XlsxDocumentReader))]
    [InlineData("rooms.csv", typeof(Rag.Ingest.Readers.Tables.CsvDocumentReader))]
    [InlineData("minutes.eml", typeof(Rag.Ingest.Readers.Email.EmlDocumentReader))]
    public void TryGetReader_SupportedExtension_ReturnsMatchingReader(string path, Type expected)
    {
        Assert.True(_registry.TryGetReader(path, out var reader));
        Assert.IsType(expected, reader);
    }

    [Theory]
    [InlineData("report.doc")]
    [InlineData("photo.jpg")]
    [InlineData("README")]
    [InlineData("archive.pdf.zip")]
    public void TryGetReader_UnsupportedExtension_ReturnsFalse(string path)
    {
        Assert.False(_registry.TryGetReader(path, out _));
    }

    [Fact]
    public void SupportedExtensions_Default_ListsEveryFormat()
    {
        Assert.Equal([".csv", ".docx", ".eml", ".htm", ".html", ".markdown", ".md", ".pdf", ".pptx", ".text", ".txt", ".xlsx"], _registry.SupportedExtensions);
    }

    [Fact]
    public void Ctor_TwoReadersForOneExtension_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DocumentReaderRegistry([new PlainTextDocumentReader(), new PlainTextDocumentReader()]));
    }
}

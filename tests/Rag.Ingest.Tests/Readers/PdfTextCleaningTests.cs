using Rag.Ingest.Readers;
using Rag.Testing;

namespace Rag.Ingest.Tests.Readers;

/// <summary>Text cleaning on real PDFs set the way TeX sets them: ligature glyphs, line-end hyphens, junk metadata titles.</summary>
public sealed class PdfTextCleaningTests
{
    private readonly PdfDocumentReader _reader = new();

    [Fact]
    public async Task ReadAsync_LigatureGlyphs_TextHasPlainLetters()
    {
        var pdf = TypesetPdf.Build(null, "Deﬁnitions of macros are given in full.", "Each ﬂoat is placed eﬃciently.");

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, pdf, "manual.pdf");

        Assert.Contains("Definitions of macros", parsed.Text, StringComparison.Ordinal);
        Assert.Contains("Each float is placed efficiently.", parsed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(parsed.Text, c => c is >= '\uFB00' and <= '\uFB06');
    }

    [Fact]
    public async Task ReadAsync_LineEndHyphenation_Joined()
    {
        var pdf = TypesetPdf.Build(null, "A macro that is bro-", "ken expands to a well-", "known default value.");

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, pdf, "manual.pdf");

        Assert.Contains("A macro that is broken expands to a well-known default value.", parsed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_PathAsMetadataTitle_FirstHeadingIsTitle()
    {
        var pdf = PdfTestDocuments.Build(
            "C:/USERS/JOHN/LING/TEX/EXPEX/MAN/0.dvi",
            [new PdfLine("The ExPex Package", 20), new PdfLine("Linguistic examples typeset with TeX.")]);

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, pdf, "expex-doc.pdf");

        Assert.Equal("The ExPex Package", parsed.Title);
    }

    [Fact]
    public async Task ReadAsync_JunkMetadataTitleAndNoHeading_TitleIsNull()
    {
        var pdf = TypesetPdf.Build("Microsoft Word - minutes.docx", "Minutes of the meeting held on Monday.");

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, pdf, "minutes.pdf");

        Assert.Null(parsed.Title);
    }
}

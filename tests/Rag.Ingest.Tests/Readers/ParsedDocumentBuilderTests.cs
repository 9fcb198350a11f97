using Rag.Core.Documents;
using Rag.Ingest.Readers;

namespace Rag.Ingest.Tests.Readers;

public sealed class ParsedDocumentBuilderTests
{
    [Fact]
    public void Build_LigaturesAndHyphenatedLines_CleanedWithOffsetsIntact()
    {
        var builder = new ParsedDocumentBuilder();
        builder.AddHeading("Deﬁnitions", 1, page: 1);
        builder.AddParagraph("A macro is bro-\nken when its deﬁ-\nnition is wrong.", page: 1);

        var parsed = builder.Build(title: null, pageCount: 1);

        Assert.Equal(["Definitions", "A macro is broken when its definition is wrong."], parsed.Blocks.Select(b => b.Text));
        ReaderAssertions.OffsetsAreConsistent(parsed);
    }

    [Fact]
    public void Build_HyphenatedLine_JudgedAgainstTheWholeDocument()
    {
        var builder = new ParsedDocumentBuilder();
        builder.AddParagraph("We keep a cross-\nreference table.");
        builder.AddParagraph("Every cross-reference is checked.");

        var parsed = builder.Build(title: null);

        Assert.Equal("We keep a cross-reference table.", parsed.Blocks[0].Text);
    }

    [Fact]
    public void Build_Preformatted_KeepsLinesAndCleans()
    {
        var builder = new ParsedDocumentBuilder();
        builder.AddPreformatted("if (x) {\n    run-\n}\u0007");

        var parsed = builder.Build(title: null);

        Assert.Equal("if (x) {\nrun-\n}", Assert.Single(parsed.Blocks).Text);
    }

    [Fact]
    public void Build_BlockOnlyInvisibleCharacters_Dropped()
    {
        var builder = new ParsedDocumentBuilder();
        builder.AddParagraph("\u200B\u00AD\u0001");
        builder.AddParagraph("Real text.");

        var parsed = builder.Build(title: null);

        Assert.Equal("Real text.", Assert.Single(parsed.Blocks).Text);
        Assert.Equal(0, parsed.Blocks[0].Offset);
    }

    [Fact]
    public void Build_JunkTitle_FallbackTitleUsed()
    {
        var builder = new ParsedDocumentBuilder();
        builder.AddHeading("The ExPex Package", 1);

        var parsed = builder.Build("C:/USERS/JOHN/LING/TEX/EXPEX/MAN/0.dvi", fallbackTitle: builder.FirstHeading());

        Assert.Equal("The ExPex Package", parsed.Title);
        Assert.Equal(BlockKind.Heading, parsed.Blocks[0].Kind);
    }
}

using Microsoft.Extensions.Options;
using Rag.Ingest.Chunking;

namespace Rag.Ingest.Tests.Chunking;

public sealed class EmbeddingInputTests
{
    [Fact]
    public void EmbeddingInput_PrefixesTitleAndHeadings_StoredTextStaysTheChunk()
    {
        var document = new TestDocumentBuilder().Heading(2, "Travel").Paragraph("Book trains for trips under 600 km.").Build();
        var chunker = new StructureAwareChunker(new WhitespaceTokenizerFake(), Options.Create(new ChunkingOptions { MaxTokens = 50 }));
        var chunk = Assert.Single(chunker.Chunk(document, "doc", "set", "hash"));

        Assert.Equal("Book trains for trips under 600 km.", chunk.Text);
        Assert.Equal("Expense policy › Travel\nBook trains for trips under 600 km.", chunker.EmbeddingInput(chunk, "Expense policy"));
    }

    [Fact]
    public void EmbeddingInput_TitleAlreadyOutermostHeading_IsNotRepeated()
    {
        var document = new TestDocumentBuilder().Heading(1, "Expense Policy").Paragraph("Keep receipts.").Build();
        var chunker = new StructureAwareChunker(new WhitespaceTokenizerFake(), Options.Create(new ChunkingOptions { MaxTokens = 50 }));
        var chunk = Assert.Single(chunker.Chunk(document, "doc", "set", "hash"));

        Assert.Equal("Expense Policy\nKeep receipts.", chunker.EmbeddingInput(chunk, "expense policy"));
    }

    [Fact]
    public void EmbeddingInput_ContextSwitchedOff_IsTheChunkText()
    {
        var document = new TestDocumentBuilder().Heading(1, "Expense Policy").Paragraph("Keep receipts.").Build();
        var chunker = new StructureAwareChunker(new WhitespaceTokenizerFake(), Options.Create(new ChunkingOptions { MaxTokens = 50, EmbedContext = false }));
        var chunk = Assert.Single(chunker.Chunk(document, "doc", "set", "hash"));

        Assert.Equal("Keep receipts.", chunker.EmbeddingInput(chunk, "Expense Policy"));
    }
}

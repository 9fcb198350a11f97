using Microsoft.Extensions.Options;
using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Ingest.Chunking;

namespace Rag.Ingest.Tests.Chunking;

/// <summary>The public, DI-facing constructor and the behaviours the ingestion pipeline relies on.</summary>
public sealed class StructureAwareChunkerOptionsTests
{
    [Fact]
    public void Chunk_ViaIOptions_UsesTheSmallerOfConfiguredAndModelLimit()
    {
        var tokenizer = new WhitespaceTokenizerFake { MaxTokens = 30 };
        var document = new TestDocumentBuilder().Paragraph(Sentences("S", 20)).Build();

        var chunks = Create(tokenizer, new ChunkingOptions { MaxTokens = 500, OverlapTokens = 0, MinChunkTokens = 0 }).Chunk(document, "doc", "set", "hash");

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.InRange(tokenizer.CountTokens(c.Text), 1, 30));
        ChunkInvariants.AssertHold(document, chunks, tokenizer, 30, 0);
    }

    [Fact]
    public void Chunk_TrailingSmallPiece_IsMovedBackUntilItReachesTheMinimum()
    {
        // Eleven five-word sentences against a 50-token limit: greedy packing would leave a 5-token tail.
        var tokenizer = new WhitespaceTokenizerFake();
        var document = new TestDocumentBuilder().Heading(1, "H").Paragraph(Sentences("S", 11)).Build();

        var withMinimum = Create(tokenizer, new ChunkingOptions { MaxTokens = 50, OverlapTokens = 0, MinChunkTokens = 24 }).Chunk(document, "doc", "set", "hash");
        var withoutMinimum = Create(tokenizer, new ChunkingOptions { MaxTokens = 50, OverlapTokens = 0, MinChunkTokens = 0 }).Chunk(document, "doc", "set", "hash");

        Assert.Equal([50, 5], withoutMinimum.Select(c => tokenizer.CountTokens(c.Text)));
        Assert.Equal([30, 25], withMinimum.Select(c => tokenizer.CountTokens(c.Text)));
        ChunkInvariants.AssertHold(document, withMinimum, tokenizer, 50, 0);
    }

    [Fact]
    public void Chunk_TrailingSmallPieceThatFitsWhenMerged_IsMergedIntoThePreviousChunk()
    {
        // The marker tokenizer counts joined text as less than its parts, so the greedy split leaves a tail that merges.
        var tokenizer = new LeadingMarkerTokenizerFake(12);
        var document = new TestDocumentBuilder().Paragraph("Alpha beta gamma delta epsilon. Zeta eta theta iota kappa. Lambda.").Build();

        var chunks = Create(tokenizer, new ChunkingOptions { MaxTokens = 12, OverlapTokens = 0, MinChunkTokens = 3 }).Chunk(document, "doc", "set", "hash");

        var chunk = Assert.Single(chunks);
        Assert.Equal(document.Text, chunk.Text);
        Assert.InRange(tokenizer.CountTokens(chunk.Text), 1, 12);
    }

    [Fact]
    public void Chunk_HugeSingleWord_IsSplitByCharactersWithinTheLimit()
    {
        var tokenizer = new SubwordTokenizerFake(16);
        var document = new TestDocumentBuilder().Heading(1, "Blob").Paragraph("Before it. " + new string('x', 10_000) + " After it.").Build();

        var chunks = Create(tokenizer, new ChunkingOptions()).Chunk(document, "doc", "set", "hash");

        Assert.True(chunks.Count > 100);
        ChunkInvariants.AssertHold(document, chunks, tokenizer, 16, 7);
    }

    [Fact]
    public void Chunk_SameInput_IsDeterministic()
    {
        var tokenizer = new WhitespaceTokenizerFake(20);
        var document = new TestDocumentBuilder()
            .Heading(1, "A").Paragraph(Sentences("S", 9), page: 1).Paragraph(Sentences("T", 3), page: 2)
            .Heading(2, "B").Paragraph(Sentences("U", 7), page: 3)
            .Build();
        var chunker = Create(tokenizer, new ChunkingOptions());

        var first = chunker.Chunk(document, "doc", "set", "hash");
        var second = chunker.Chunk(document, "doc", "set", "hash");

        Assert.Equal(first.Select(Key), second.Select(Key));
    }

    [Fact]
    public void Ctor_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new StructureAwareChunker(null!, Options.Create(new ChunkingOptions())));
        Assert.Throws<ArgumentNullException>(() => new StructureAwareChunker(new WhitespaceTokenizerFake(), (IOptions<ChunkingOptions>)null!));
    }

    private static StructureAwareChunker Create(IEmbeddingTokenizer tokenizer, ChunkingOptions options) => new(tokenizer, Options.Create(options));

    private static string Key(Chunk c) =>
        FormattableString.Invariant($"{c.Id}|{c.Index}|{c.StartOffset}-{c.EndOffset}|{c.FirstPage}-{c.LastPage}|{string.Join('/', c.HeadingPath)}");

    private static string Sentences(string prefix, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(i => $"{prefix}{i} has five words here."));
}

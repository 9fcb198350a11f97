using Rag.Core.Embeddings;
using Rag.Core.Ids;
using Rag.Ingest.Chunking;

namespace Rag.Ingest.Tests.Chunking;

public sealed class StructureAwareChunkerTests
{
    [Fact]
    public void Chunk_EmptyDocument_ReturnsNoChunks()
    {
        var chunker = Chunker(new WhitespaceTokenizerFake(), maxTokens: 50);

        Assert.Empty(chunker.Chunk(new TestDocumentBuilder().Build(), "doc", "set", "hash"));
        Assert.Empty(chunker.Chunk(new TestDocumentBuilder().Heading(1, "Only").Heading(2, "Headings").Paragraph("  ").Build(), "doc", "set", "hash"));
    }

    [Fact]
    public void Chunk_NestedHeadings_TracksHeadingPathOutermostFirst()
    {
        var document = new TestDocumentBuilder()
            .Paragraph("Preamble text.")
            .Heading(1, "Guide").Paragraph("Intro text.")
            .Heading(2, "Install").Paragraph("Install text.")
            .Heading(2, "Configure").Paragraph("Configure text.")
            .Heading(4, "Deep").Paragraph("Deep text.")
            .Heading(3, "Mid").Paragraph("Mid text.")
            .Heading(1, "Reference").Paragraph("Reference text.")
            .Build();

        var chunks = Chunker(new WhitespaceTokenizerFake(), maxTokens: 50).Chunk(document, "doc", "set", "hash");

        string[][] expected =
            [
                [],
                ["Guide"],
                ["Guide", "Install"],
                ["Guide", "Configure"],
                ["Guide", "Configure", "Deep"],
                ["Guide", "Configure", "Mid"],
                ["Reference"],
            ];
        Assert.Equal(expected, chunks.Select(c => c.HeadingPath.ToArray()));
        Assert.Equal("Configure text.", chunks[3].Text);
    }

    [Fact]
    public void Chunk_SmallSections_AreNeverMergedAndHeadingsAreNotEmitted()
    {
        var document = new TestDocumentBuilder()
            .Heading(1, "A").Paragraph("One.").Paragraph("Two.")
            .Heading(1, "B").Paragraph("Three.")
            .Build();

        var chunks = Chunker(new WhitespaceTokenizerFake(), maxTokens: 50).Chunk(document, "doc", "set", "hash");

        Assert.Equal(["One.\n\nTwo.", "Three."], chunks.Select(c => c.Text));
        ChunkInvariants.AssertHold(document, chunks, new WhitespaceTokenizerFake(), 50, 16);
    }

    [Fact]
    public void Chunk_ParagraphsThatFit_ArePackedWholeAndJoinedAsInTheDocument()
    {
        var document = new TestDocumentBuilder()
            .Heading(1, "Section")
            .Paragraph(Words("a", 10)).Paragraph(Words("b", 10)).Paragraph(Words("c", 10))
            .Build();

        var chunks = Chunker(new WhitespaceTokenizerFake(), maxTokens: 25, overlap: 0, minChunk: 0).Chunk(document, "doc", "set", "hash");

        Assert.Equal([Words("a", 10) + "\n\n" + Words("b", 10), Words("c", 10)], chunks.Select(c => c.Text));
    }

    [Fact]
    public void Chunk_LongSection_ConsecutiveChunksShareTrailingSentencesWithinTheBudget()
    {
        var sentences = Enumerable.Range(0, 30).Select(i => $"Sentence{i} has exactly six words.").ToArray();
        var document = new TestDocumentBuilder().Heading(1, "Long").Paragraph(string.Join(' ', sentences)).Build();
        var tokenizer = new WhitespaceTokenizerFake();

        var chunks = Chunker(tokenizer, maxTokens: 40, overlap: 12).Chunk(document, "doc", "set", "hash");

        Assert.True(chunks.Count > 4);
        for (var i = 1; i < chunks.Count; i++)
        {
            var shared = document.Text[chunks[i].StartOffset..chunks[i - 1].EndOffset];
            Assert.Equal(10, tokenizer.CountTokens(shared)); // two whole five-word sentences
            Assert.StartsWith("Sentence", chunks[i].Text, StringComparison.Ordinal);
        }

        ChunkInvariants.AssertHold(document, chunks, tokenizer, 40, 12);
    }

    [Fact]
    public void Chunk_AcrossSections_HasNoOverlap()
    {
        var document = new TestDocumentBuilder()
            .Heading(1, "A").Paragraph(Sentences("a", 12))
            .Heading(1, "B").Paragraph(Sentences("b", 12))
            .Build();
        var tokenizer = new WhitespaceTokenizerFake();

        var chunks = Chunker(tokenizer, maxTokens: 30, overlap: 10).Chunk(document, "doc", "set", "hash");

        var firstOfB = chunks.First(c => c.HeadingPath[0] == "B");
        Assert.StartsWith("b0 ", firstOfB.Text, StringComparison.Ordinal);
        Assert.True(firstOfB.StartOffset >= chunks[firstOfB.Index - 1].EndOffset);
        ChunkInvariants.AssertHold(document, chunks, tokenizer, 30, 10);
    }

    [Fact]
    public void Chunk_ChunkSpanningTwoPages_ReportsFirstAndLastPage()
    {
        var document = new TestDocumentBuilder()
            .Paragraph("On page two.", page: 2)
            .Paragraph("On page three.", page: 3)
            .Heading(1, "Later", page: 4).Paragraph("On page four.", page: 4)
            .Build();

        var chunks = Chunker(new WhitespaceTokenizerFake(), maxTokens: 50).Chunk(document, "doc", "set", "hash");

        Assert.Equal([(2, 3), (4, 4)], chunks.Select(c => (c.FirstPage, c.LastPage)));
    }

    [Fact]
    public void Chunk_UnpagedDocument_ReportsPageZero()
    {
        var document = new TestDocumentBuilder().Paragraph("No pages here.").Build();

        var chunk = Assert.Single(Chunker(new WhitespaceTokenizerFake(), maxTokens: 50).Chunk(document, "doc", "set", "hash"));

        Assert.Equal((0, 0), (chunk.FirstPage, chunk.LastPage));
    }

    [Fact]
    public void Chunk_SameInput_GivesSameChunksWithChunkIds()
    {
        var document = new TestDocumentBuilder().Heading(1, "H").Paragraph(Sentences("x", 40)).Paragraph("Tail.").Build();
        var chunker = Chunker(new WhitespaceTokenizerFake(), maxTokens: 30);

        var first = chunker.Chunk(document, "doc-1", "hr", "abc123");
        var second = chunker.Chunk(document, "doc-1", "hr", "abc123");

        Assert.True(first.Count > 1);
        Assert.Equal(first.Select(c => (c.Id, c.Text, c.StartOffset, c.EndOffset)), second.Select(c => (c.Id, c.Text, c.StartOffset, c.EndOffset)));
        Assert.All(first, c => Assert.Equal(ChunkIds.For("doc-1", "abc123", c.Index), c.Id));
        Assert.All(first, c => Assert.Equal(("doc-1", "hr"), (c.DocumentId, c.SetName)));
        Assert.Equal(Enumerable.Range(0, first.Count), first.Select(c => c.Index));
    }

    [Fact]
    public void Chunk_SmallTrailingPieceThatFitsWhenCounted_IsMergedIntoThePreviousChunk()
    {
        // Counted alone the pieces cost 9 + 2 tokens (> 10), but joined they cost 8 + 1 words + 1 marker = 10.
        var document = new TestDocumentBuilder().Paragraph(Words("a", 8)).Paragraph("tail").Build();
        var tokenizer = new LeadingMarkerTokenizerFake(10);

        var chunks = Chunker(tokenizer, maxTokens: 10, overlap: 0, minChunk: 5).Chunk(document, "doc", "set", "hash");

        var chunk = Assert.Single(chunks);
        Assert.Equal(document.Text, chunk.Text);
    }

    [Fact]
    public void Chunk_SmallTrailingPiece_IsNotLeftAlone()
    {
        // Greedy packing alone would end with "c0." (1 token) as a chunk of its own.
        var paragraph = $"{Words("a", 10)}. {Words("b", 10)}. {Words("c", 1)}.";
        var document = new TestDocumentBuilder().Paragraph(paragraph).Build();
        var tokenizer = new WhitespaceTokenizerFake();

        var chunks = Chunker(tokenizer, maxTokens: 20, overlap: 0, minChunk: 5).Chunk(document, "doc", "set", "hash");

        Assert.True(tokenizer.CountTokens(chunks[^1].Text) >= 5, $"last chunk: '{chunks[^1].Text}'");
        Assert.EndsWith("c0.", chunks[^1].Text, StringComparison.Ordinal);
        ChunkInvariants.AssertHold(document, chunks, tokenizer, 20, 0);
    }

    [Fact]
    public void Chunk_AbbreviationInLongParagraph_IsNotSplitThere()
    {
        // Rag.Core's SentenceSegmenter keeps a dot followed by a lower-case word inside the sentence.
        var paragraph = $"{Words("a", 6)}, e.g. this one. {Words("B", 6)}.";
        var document = new TestDocumentBuilder().Paragraph(paragraph).Build();

        var chunks = Chunker(new WhitespaceTokenizerFake(), maxTokens: 12, overlap: 0, minChunk: 0).Chunk(document, "doc", "set", "hash");

        Assert.Equal([$"{Words("a", 6)}, e.g. this one.", $"{Words("B", 6)}."], chunks.Select(c => c.Text));
    }

    [Fact]
    public void Chunk_TenThousandCharacterWord_IsChunkedUnderTheLimit()
    {
        var word = string.Concat(Enumerable.Range(0, 10_000).Select(i => (char)('a' + (i * 7 % 26))));
        var document = new TestDocumentBuilder().Heading(1, "Blob").Paragraph($"Start {word} end.").Build();
        var tokenizer = new SubwordTokenizerFake(64);

        var chunks = Chunker(tokenizer, maxTokens: 0, overlap: 8).Chunk(document, "doc", "set", "hash");

        Assert.True(chunks.Count >= 2500 / 64);
        ChunkInvariants.AssertHold(document, chunks, tokenizer, 64, 8);
    }

    [Fact]
    public void Chunk_NewlinesCostTokens_JoinedParagraphsAreRecountedAndStillFit()
    {
        // Each paragraph costs 5 tokens alone; the "\n\n" between them costs 2 more, which only a recount sees.
        var builder = new TestDocumentBuilder();
        for (var i = 0; i < 12; i++)
        {
            builder.Paragraph(Words($"p{i}x", 5));
        }

        var document = builder.Build();
        var tokenizer = new SubwordTokenizerFake(20);

        var chunks = Chunker(tokenizer, maxTokens: 0, overlap: 0, minChunk: 0).Chunk(document, "doc", "set", "hash");

        ChunkInvariants.AssertHold(document, chunks, tokenizer, 20, 0);
        Assert.Contains(chunks, c => c.Text.Contains("\n\n", StringComparison.Ordinal));
    }

    internal static StructureAwareChunker Chunker(IEmbeddingTokenizer tokenizer, int maxTokens, int overlap = 4, int minChunk = 0) =>
        new(tokenizer, new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlap, MinChunkTokens = minChunk });

    private static string Words(string prefix, int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => $"{prefix}{i}"));

    private static string Sentences(string prefix, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(i => $"{prefix}{i} is a short sentence."));
}

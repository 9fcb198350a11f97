using System.Numerics.Tensors;
using Rag.Bench.Query;

namespace Rag.Bench.Tests.Query;

public sealed class SyntheticCorpusTests
{
    [Fact]
    public void NextDocument_SameSeed_SameDocumentsTextsAndVectors()
    {
        var (a, b) = (new SyntheticCorpus(3, 8, 5, 9), new SyntheticCorpus(3, 8, 5, 9));
        var (sinkA, sinkB) = (new float[9 * 8], new float[9 * 8]);

        var (docA, chunksA) = a.NextDocument(100, sinkA);
        var (docB, chunksB) = b.NextDocument(100, sinkB);

        Assert.Equal(docA, docB);
        Assert.Equal(chunksA.Select(c => c.Chunk.Text), chunksB.Select(c => c.Chunk.Text));
        Assert.Equal(chunksA.Select(c => c.Chunk.Id), chunksB.Select(c => c.Chunk.Id));
        Assert.Equal(sinkA, sinkB);
        Assert.Equal(a.NextQueryText(), b.NextQueryText());
    }

    [Fact]
    public void NextDocument_ChunksWithinBoundsUnitLengthAndCopiedToTheSink()
    {
        var corpus = new SyntheticCorpus(1, 32, 5, 9);
        var sink = new float[9 * 32];

        var (document, chunks) = corpus.NextDocument(100, sink);

        Assert.InRange(chunks.Count, 5, 9);
        Assert.All(chunks, c => Assert.Equal(document.DocumentId, c.Chunk.DocumentId));
        Assert.All(chunks, c => Assert.Equal(1f, TensorPrimitives.Norm(c.Vector.Span), 4));
        Assert.Equal(chunks.Select((c, i) => i), chunks.Select(c => c.Chunk.Index));
        for (var i = 0; i < chunks.Count; i++)
        {
            Assert.Equal(chunks[i].Vector.ToArray(), sink.AsSpan(i * 32, 32).ToArray());
        }
    }

    [Fact]
    public void NextDocument_MaxChunksBelowMinimum_StopsAtMaxChunks()
    {
        var corpus = new SyntheticCorpus(1, 4, 50, 200);

        var (_, chunks) = corpus.NextDocument(3, new float[3 * 4]);

        Assert.Equal(3, chunks.Count);
        Assert.Equal(1, corpus.Documents);
    }

    [Fact]
    public void NextQueryText_TwoToFourWordsOfTheVocabulary()
    {
        var corpus = new SyntheticCorpus(5, 4, 1, 1);
        for (var i = 0; i < 50; i++)
        {
            Assert.InRange(corpus.NextQueryText().Split(' ').Length, 2, 4);
        }
    }
}

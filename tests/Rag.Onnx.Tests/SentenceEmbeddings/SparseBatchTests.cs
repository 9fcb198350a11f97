using Rag.Onnx.SentenceEmbeddings;

namespace Rag.Onnx.Tests.SentenceEmbeddings;

public sealed class SparseBatchTests
{
    [Fact]
    public void Build_TwoSentences_EmitsRowPositionPairsAndIds()
    {
        var (indices, values) = SparseBatch.Build([[7, 8], [9]], 128);

        Assert.Equal([0L, 0, 0, 1, 1, 0], indices);
        Assert.Equal([7L, 8, 9], values);
    }

    [Fact]
    public void Build_SentenceOverMaxTokens_KeepsOnlyFirstMaxTokens()
    {
        var (indices, values) = SparseBatch.Build([Enumerable.Range(10, 300).ToArray(), [5]], 128);

        Assert.Equal(129, values.Length);
        Assert.Equal(127L, indices[(2 * 127) + 1]);
        Assert.Equal(137L, values[127]);
        Assert.Equal(5L, values[128]);
    }
}

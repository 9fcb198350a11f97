using Rag.Onnx.SentenceEmbeddings;

namespace Rag.Onnx.Tests.SentenceEmbeddings;

public sealed class PoolingTests
{
    // batch 1, sequence 3 (last token is padding), hidden 2.
    private static readonly float[] s_hidden = [3, 4, 1, 0, 100, 100];
    private static readonly long[] s_mask = [1, 1, 0];

    [Fact]
    public void Pool_Mean_AveragesOnlyMaskedTokensAndNormalises()
    {
        var v = Pooling.Pool(s_hidden, s_mask, 1, 3, 2, PoolingMode.Mean)[0];

        // mean of (3,4) and (1,0) = (2,2) -> (0.7071, 0.7071); padding ignored.
        Assert.Equal(0.70710677f, v[0], 5);
        Assert.Equal(0.70710677f, v[1], 5);
    }

    [Fact]
    public void Pool_Cls_TakesFirstTokenAndNormalises()
    {
        var v = Pooling.Pool(s_hidden, s_mask, 1, 3, 2, PoolingMode.Cls)[0];

        Assert.Equal(0.6f, v[0], 5);
        Assert.Equal(0.8f, v[1], 5);
    }
}

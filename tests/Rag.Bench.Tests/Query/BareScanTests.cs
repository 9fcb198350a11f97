using Rag.Bench.Query;

namespace Rag.Bench.Tests.Query;

public sealed class BareScanTests
{
    [Theory]
    [InlineData(50)]
    [InlineData(20_000)] // several partitions on a multi-core machine
    public void TopK_RandomVectors_MatchesSortingEveryScore(int rows)
    {
        const int dimensions = 16;
        var corpus = new SyntheticCorpus(7, dimensions, 1, 1);
        var values = new float[rows * dimensions];
        for (var row = 0; row < rows; row++)
        {
            corpus.NextUnitVector(values.AsSpan(row * dimensions, dimensions));
        }

        var query = new float[dimensions];
        corpus.NextUnitVector(query);

        var top = BareScan.TopK(values, rows, dimensions, query, 5);

        var expected = Enumerable.Range(0, rows)
            .OrderByDescending(r => System.Numerics.Tensors.TensorPrimitives.Dot(values.AsSpan(r * dimensions, dimensions), query))
            .Take(5);
        Assert.Equal(expected, top);
    }

    [Fact]
    public void TopK_FewerRowsThanK_ReturnsEveryRow() =>
        Assert.Equal(2, BareScan.TopK([1, 0, 0, 1], 2, 2, [1, 0], 10).Length);
}

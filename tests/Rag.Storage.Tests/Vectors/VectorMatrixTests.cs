using Rag.Storage.Vectors;

namespace Rag.Storage.Tests.Vectors;

public sealed class VectorMatrixTests
{
    private static readonly bool[] AllSets = [true, true, true];

    [Fact]
    public void Search_IdenticalVector_ReturnsItFirstWithCosineOne()
    {
        using var matrix = new VectorMatrix(3);
        matrix.Upsert(10, 0, [1, 0, 0]);
        matrix.Upsert(20, 0, [0, 2, 0]);
        matrix.Upsert(30, 0, [0, 3, 4]);

        var hits = matrix.Search([0, 0.3f, 0.4f], AllSets, 2);

        Assert.Equal([30L, 20L], hits.Select(h => h.Key));
        Assert.Equal(1f, hits[0].Score, 5);
        Assert.Equal(0.6f, hits[1].Score, 5);
    }

    [Fact]
    public void Search_SetNotAllowed_NeverScoresItsRows()
    {
        using var matrix = new VectorMatrix(2);
        matrix.Upsert(1, 0, [1, 0]);
        matrix.Upsert(2, 1, [0, 1]);
        matrix.Upsert(3, 1, [0.1f, 1]);

        var hits = matrix.Search([0, 1], [true, false], 2);

        Assert.Equal(1L, Assert.Single(hits).Key);
        Assert.Empty(matrix.Search([0, 1], [false, false], 2));
        Assert.Empty(matrix.Search([0, 1], [], 2));
    }

    [Fact]
    public void Search_RowOrdinalBeyondMask_IsNotAllowed()
    {
        using var matrix = new VectorMatrix(2);
        matrix.Upsert(1, 0, [1, 0]);
        matrix.Upsert(2, 5, [0, 1]);

        Assert.Equal(1L, Assert.Single(matrix.Search([0, 1], [true], 5)).Key);
    }

    [Fact]
    public void Remove_MiddleRow_KeepsEveryOtherRowFindable()
    {
        using var matrix = new VectorMatrix(4);
        var vectors = Enumerable.Range(0, 5).Select(i => Basis(4, i % 4, 1 + i)).ToArray();
        for (var i = 0; i < vectors.Length; i++)
        {
            matrix.Upsert(100 + i, 0, vectors[i]);
        }

        Assert.True(matrix.Remove(101));
        Assert.False(matrix.Remove(101));

        Assert.Equal(4, matrix.Count);
        foreach (var i in new[] { 0, 2, 3 })
        {
            var hit = matrix.Search(vectors[i], AllSets, 1)[0];
            Assert.Equal(100 + i, hit.Key);
            Assert.Equal(1f, hit.Score, 5);
        }

        // Row 4 (the same direction as row 0) was moved into the hole; both still score 1.
        Assert.Equal([100L, 104L], matrix.Search(vectors[4], AllSets, 2).Select(h => h.Key).Order());
        Assert.DoesNotContain(matrix.Search(vectors[1], AllSets, 10), h => h.Key == 101);
    }

    [Fact]
    public void Remove_LastAndOnlyRows_LeavesEmptyMatrix()
    {
        using var matrix = new VectorMatrix(2);
        matrix.Upsert(1, 0, [1, 0]);
        matrix.Upsert(2, 0, [0, 1]);

        Assert.True(matrix.Remove(2));
        Assert.True(matrix.Remove(1));

        Assert.Equal(0, matrix.Count);
        Assert.Empty(matrix.Search([1, 0], AllSets, 3));
        matrix.Upsert(3, 0, [1, 1]);
        Assert.Equal(3L, Assert.Single(matrix.Search([1, 0], AllSets, 3)).Key);
    }

    [Fact]
    public void Upsert_ExistingKey_OverwritesVectorAndSet()
    {
        using var matrix = new VectorMatrix(2);
        matrix.Upsert(1, 0, [1, 0]);

        matrix.Upsert(1, 1, [0, 1]);

        Assert.Equal(1, matrix.Count);
        Assert.Empty(matrix.Search([0, 1], [true, false], 1));
        Assert.Equal(1f, Assert.Single(matrix.Search([0, 1], [false, true], 1)).Score, 5);
    }

    [Fact]
    public void Upsert_PastCapacity_GrowsByDoubling()
    {
        using var matrix = new VectorMatrix(2, initialCapacity: 16);
        for (var i = 0; i < 17; i++)
        {
            matrix.Upsert(i, 0, [1, i]);
        }

        Assert.Equal(17, matrix.Count);
        Assert.Equal(32, matrix.Capacity);
        Assert.Equal(16L, matrix.Search([1, 16], AllSets, 1)[0].Key);
    }

    [Fact]
    public void Upsert_WrongLength_Throws()
    {
        using var matrix = new VectorMatrix(3);

        Assert.Throws<ArgumentException>(() => matrix.Upsert(1, 0, [1, 2]));
        Assert.Throws<ArgumentException>(() => matrix.Search([1, 2], AllSets, 1));
    }

    [Fact]
    public void Apply_RemovalsAndUpserts_AppliesBoth()
    {
        using var matrix = new VectorMatrix(2);
        matrix.Upsert(1, 0, [1, 0]);
        matrix.Upsert(2, 0, [0, 1]);

        matrix.Apply([1L], [new VectorRow(3, 0, new float[] { 1, 0.1f }), new VectorRow(2, 0, new float[] { 1, 0 })]);

        Assert.Equal(2, matrix.Count);
        Assert.Equal([2L, 3L], matrix.Search([1, 0], AllSets, 5).Select(h => h.Key));
    }

    [Fact]
    public void Search_LargeMatrix_ParallelScanMatchesBruteForce()
    {
        const int dimensions = 16;
        var rows = VectorMatrix.MinRowsPerPartition * 3 + 17;
        var random = new Random(5);
        using var matrix = new VectorMatrix(dimensions);
        var vectors = new float[rows][];
        for (var i = 0; i < rows; i++)
        {
            vectors[i] = Enumerable.Range(0, dimensions).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            matrix.Upsert(i, i % 3, vectors[i]);
        }

        var query = vectors[rows - 1];
        var allowed = new[] { true, false, true };

        var hits = matrix.Search(query, allowed, 25);

        var expected = Enumerable.Range(0, rows)
            .Where(i => allowed[i % 3])
            .Select(i => (Key: (long)i, Score: Cosine(vectors[i], query)))
            .OrderByDescending(x => x.Score)
            .Take(25)
            .ToList();
        Assert.Equal(expected.Select(x => x.Key), hits.Select(h => h.Key));
        Assert.All(hits.Zip(expected), p => Assert.Equal(p.Second.Score, p.First.Score, 4));
    }

    private static float[] Basis(int dimensions, int axis, float length)
    {
        var v = new float[dimensions];
        v[axis] = length;
        return v;
    }

    private static float Cosine(float[] a, float[] b) =>
        System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);
}

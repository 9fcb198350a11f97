using Rag.Storage.Vectors;

namespace Rag.Storage.Tests.Vectors;

public sealed class VectorMatrixTests
{
    private static readonly bool[] AllSets = [true, true, true];

    [Fact]
    public void Search_IdenticalVector_ReturnsItFirstWithCosineOne()
    {
        using var matrix = new VectorMatrix(3);
        matrix.Upsert(K(10), 0, [1, 0, 0]);
        matrix.Upsert(K(20), 0, [0, 2, 0]);
        matrix.Upsert(K(30), 0, [0, 3, 4]);

        var hits = matrix.Search([0, 0.3f, 0.4f], AllSets, 2);

        Assert.Equal([K(30), K(20)], hits.Select(h => h.ChunkId));
        Assert.Equal(1f, hits[0].Score, 5);
        Assert.Equal(0.6f, hits[1].Score, 5);
    }

    [Fact]
    public void Search_SetNotAllowed_NeverScoresItsRows()
    {
        using var matrix = new VectorMatrix(2);
        matrix.Upsert(K(1), 0, [1, 0]);
        matrix.Upsert(K(2), 1, [0, 1]);
        matrix.Upsert(K(3), 1, [0.1f, 1]);

        var hits = matrix.Search([0, 1], [true, false], 2);

        Assert.Equal(K(1), Assert.Single(hits).ChunkId);
        Assert.Empty(matrix.Search([0, 1], [false, false], 2));
        Assert.Empty(matrix.Search([0, 1], [], 2));
    }

    [Fact]
    public void Search_RowOrdinalBeyondMask_IsNotAllowed()
    {
        using var matrix = new VectorMatrix(2);
        matrix.Upsert(K(1), 0, [1, 0]);
        matrix.Upsert(K(2), 5, [0, 1]);

        Assert.Equal(K(1), Assert.Single(matrix.Search([0, 1], [true], 5)).ChunkId);
    }

    [Fact]
    public void Remove_MiddleRow_KeepsEveryOtherRowFindable()
    {
        using var matrix = new VectorMatrix(4);
        var vectors = Enumerable.Range(0, 5).Select(i => Basis(4, i % 4, 1 + i)).ToArray();
        for (var i = 0; i < vectors.Length; i++)
        {
            matrix.Upsert(K(100 + i), 0, vectors[i]);
        }

        Assert.True(matrix.Remove(K(101)));
        Assert.False(matrix.Remove(K(101)));

        Assert.Equal(4, matrix.Count);
        foreach (var i in new[] { 0, 2, 3 })
        {
            var hit = matrix.Search(vectors[i], AllSets, 1)[0];
            Assert.Equal(K(100 + i), hit.ChunkId);
            Assert.Equal(1f, hit.Score, 5);
        }

        // Row 4 (the same direction as row 0) was moved into the hole; both still score 1.
        Assert.Equal([K(100), K(104)], matrix.Search(vectors[4], AllSets, 2).Select(h => h.ChunkId).Order());
        Assert.DoesNotContain(matrix.Search(vectors[1], AllSets, 10), h => h.ChunkId == K(101));
    }

    [Fact]
    public void Remove_LastAndOnlyRows_LeavesEmptyMatrix()
    {
        using var matrix = new VectorMatrix(2);
        matrix.Upsert(K(1), 0, [1, 0]);
        matrix.Upsert(K(2), 0, [0, 1]);

        Assert.True(matrix.Remove(K(2)));
        Assert.True(matrix.Remove(K(1)));

        Assert.Equal(0, matrix.Count);
        Assert.Empty(matrix.Search([1, 0], AllSets, 3));
        matrix.Upsert(K(3), 0, [1, 1]);
        Assert.Equal(K(3), Assert.Single(matrix.Search([1, 0], AllSets, 3)).ChunkId);
    }

    [Fact]
    public void Upsert_ExistingKey_OverwritesVectorAndSet()
    {
        using var matrix = new VectorMatrix(2);
        matrix.Upsert(K(1), 0, [1, 0]);

        matrix.Upsert(K(1), 1, [0, 1]);

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
            matrix.Upsert(K(i), 0, [1, i]);
        }

        Assert.Equal(17, matrix.Count);
        Assert.Equal(32, matrix.Capacity);
        Assert.Equal(K(16), matrix.Search([1, 16], AllSets, 1)[0].ChunkId);
    }

    [Fact]
    public void Upsert_WrongLength_Throws()
    {
        using var matrix = new VectorMatrix(3);

        Assert.Throws<ArgumentException>(() => matrix.Upsert(K(1), 0, [1, 2]));
        Assert.Throws<ArgumentException>(() => matrix.Search([1, 2], AllSets, 1));
    }

    [Fact]
    public void Apply_RemovalsAndUpserts_AppliesBoth()
    {
        using var matrix = new VectorMatrix(2);
        matrix.Upsert(K(1), 0, [1, 0]);
        matrix.Upsert(K(2), 0, [0, 1]);

        matrix.Apply([K(1)], [new VectorRow(K(3), 0, new float[] { 1, 0.1f }), new VectorRow(K(2), 0, new float[] { 1, 0 })]);

        Assert.Equal(2, matrix.Count);
        Assert.Equal([K(2), K(3)], matrix.Search([1, 0], AllSets, 5).Select(h => h.ChunkId));
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
            matrix.Upsert(K(i), i % 3, vectors[i]);
        }

        var query = vectors[rows - 1];
        var allowed = new[] { true, false, true };

        var hits = matrix.Search(query, allowed, 25);

        var expected = Enumerable.Range(0, rows)
            .Where(i => allowed[i % 3])
            .Select(i => (Key: K(i), Score: Cosine(vectors[i], query)))
            .OrderByDescending(x => x.Score)
            .Take(25)
            .ToList();
        Assert.Equal(expected.Select(x => x.Key), hits.Select(h => h.ChunkId));
        Assert.All(hits.Zip(expected), p => Assert.Equal(p.Second.Score, p.First.Score, 4));
    }

    /// <summary>A chunk id that sorts like <paramref name="i"/> (ties in the matrix break by lower key).</summary>
    private static Guid K(int i) => new(i, 0, 0, new byte[8]);

    private static float[] Basis(int dimensions, int axis, float length)
    {
        var v = new float[dimensions];
        v[axis] = length;
        return v;
    }

    private static float Cosine(float[] a, float[] b) =>
        System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);
}

using Rag.Core.Documents;
using Rag.Core.Retrieval;
using Rag.Core.Storage;

namespace Rag.Core.Tests.Retrieval;

public sealed class ReciprocalRankFusionTests
{
    private static SearchHit Hit(int n) => new(
        new Chunk(new Guid(n, 0, 0, new byte[8]), "doc", "set", n, "text " + n, [], 0, 0, 0, 6), "Doc", 1.0 / n);

    [Fact]
    public void Fuse_ChunkInBothLists_OutranksChunksInOne()
    {
        var dense = new[] { Hit(1), Hit(2), Hit(3) };
        var keyword = new[] { Hit(4), Hit(3), Hit(5) };

        var fused = ReciprocalRankFusion.Fuse(dense, keyword, k: 60, 1, 1, limit: 10);

        Assert.Equal(Hit(3).Chunk.Id, fused[0].Chunk.Id);
        Assert.Equal(3, fused[0].DenseRank);
        Assert.Equal(2, fused[0].KeywordRank);
        Assert.Equal((1.0 / 63) + (1.0 / 62), fused[0].Score, 12);
    }

    [Fact]
    public void Fuse_ChunkFoundByTheDenseSearch_KeepsItsDenseScoreAsSimilarity()
    {
        var keywordOnly = new SearchHit(Hit(4).Chunk, "Doc", 12.5);

        var fused = ReciprocalRankFusion.Fuse([Hit(2)], [keywordOnly, new SearchHit(Hit(2).Chunk, "Doc", 7.0)], k: 60, 1, 1, limit: 10);

        Assert.Equal(0.5, fused.Single(f => f.Chunk.Id == Hit(2).Chunk.Id).DenseSimilarity);
        Assert.Null(fused.Single(f => f.Chunk.Id == Hit(4).Chunk.Id).DenseSimilarity);
    }

    [Fact]
    public void Fuse_HandComputedScores_Match()
    {
        var fused = ReciprocalRankFusion.Fuse([Hit(1), Hit(2)], [Hit(2)], k: 1, denseWeight: 2, keywordWeight: 1, limit: 10);

        // chunk 2: 2/(1+2) + 1/(1+1) = 1.1667; chunk 1: 2/(1+1) = 1.0
        Assert.Equal([Hit(2).Chunk.Id, Hit(1).Chunk.Id], fused.Select(f => f.Chunk.Id));
        Assert.Equal((2.0 / 3) + 0.5, fused[0].Score, 12);
        Assert.Equal(1.0, fused[1].Score, 12);
    }

    [Fact]
    public void Fuse_ZeroKeywordWeight_EqualsDenseOrder()
    {
        var dense = new[] { Hit(1), Hit(2), Hit(3) };
        var keyword = new[] { Hit(3), Hit(2), Hit(1) };

        var fused = ReciprocalRankFusion.Fuse(dense, keyword, 60, 1, 0, 10);

        Assert.Equal(dense.Select(d => d.Chunk.Id), fused.Select(f => f.Chunk.Id));
    }

    [Fact]
    public void Fuse_Limit_Respected()
    {
        Assert.Equal(2, ReciprocalRankFusion.Fuse([Hit(1), Hit(2), Hit(3)], [], 60, 1, 1, 2).Count);
    }
}

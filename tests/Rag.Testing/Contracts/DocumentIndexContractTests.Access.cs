using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Storage;
using Xunit;
using static Rag.Testing.Contracts.IndexTestData;

namespace Rag.Testing.Contracts;

/// <summary>
/// Access control inside search. Each test also shows that the forbidden chunk WOULD be found by a caller allowed
/// to read it, so removing the filter makes the test fail rather than pass vacuously.
/// </summary>
public abstract partial class DocumentIndexContractTests
{
    private const string AlphaMarker = "The alpha marker sentence mentions amberfalcon.";
    private const string BravoMarker = "The bravo marker sentence mentions cobaltheron.";

    private static readonly float[] AlphaVector = Mix(0, 0.6f, 1, 0.8f);
    private static readonly float[] BravoVector = Axis(1);

    [Fact]
    public async Task SearchDense_GroupA_NeverGetsSetBEvenWhenItIsTheBestMatch()
    {
        var index = await NewMarkedIndexAsync();

        var asB = await index.SearchDenseAsync(BravoVector, User("group-b"), 10);
        var asA = await index.SearchDenseAsync(BravoVector, User("group-a"), 10);

        Assert.Equal(BravoMarker, asB[0].Chunk.Text);
        Assert.Equal(AlphaMarker, Assert.Single(asA).Chunk.Text);
        Assert.DoesNotContain(asA, h => h.Chunk.SetName == "set-b" || h.Chunk.Text == BravoMarker);
    }

    [Fact]
    public async Task SearchKeyword_GroupA_NeverGetsSetBEvenWhenItIsTheBestMatch()
    {
        var index = await NewMarkedIndexAsync();

        var asB = await index.SearchKeywordAsync("bravo marker cobaltheron", User("group-b"), 10);
        var asA = await index.SearchKeywordAsync("bravo marker cobaltheron", User("group-a"), 10);

        Assert.Equal(BravoMarker, asB[0].Chunk.Text);
        Assert.Equal(AlphaMarker, Assert.Single(asA).Chunk.Text);
        Assert.Empty(await index.SearchKeywordAsync("cobaltheron", User("group-a"), 10));
    }

    [Fact]
    public async Task Search_UserInBothGroups_SeesBothSets()
    {
        var index = await NewMarkedIndexAsync();
        var both = User("group-a", "group-b");

        var dense = await index.SearchDenseAsync(BravoVector, both, 10);
        var keyword = await index.SearchKeywordAsync("marker", both, 10);

        Assert.Equal([AlphaMarker, BravoMarker], dense.Select(h => h.Chunk.Text).Order(StringComparer.Ordinal));
        Assert.Equal(BravoMarker, dense[0].Chunk.Text);
        Assert.Equal([AlphaMarker, BravoMarker], keyword.Select(h => h.Chunk.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_GroupNameInOtherCase_StillMatches()
    {
        var index = await NewMarkedIndexAsync();

        Assert.Single(await index.SearchKeywordAsync("cobaltheron", User("GROUP-B"), 10));
        Assert.Single(await index.SearchDenseAsync(BravoVector, User("Group-B"), 10));
    }

    public static TheoryData<string, string[]> EmptyScopes => new()
    {
        { string.Empty, [] },
        { string.Empty, ["group-a", "group-b"] },
        { "user", [] },
        { "user", ["  "] },
        { "user", ["group-c"] },
    };

    [Theory]
    [MemberData(nameof(EmptyScopes))]
    public async Task Search_ScopeWithoutReadableSets_ReturnsNothing(string userId, string[] groups)
    {
        var index = await NewMarkedIndexAsync();
        var scope = new AccessScope(userId, groups);

        Assert.Empty(await index.SearchDenseAsync(BravoVector, scope, 10));
        Assert.Empty(await index.SearchKeywordAsync("marker cobaltheron amberfalcon", scope, 10));
    }

    [Fact]
    public async Task Search_AnonymousScope_ReturnsNothing()
    {
        var index = await NewMarkedIndexAsync();

        Assert.Empty(await index.SearchDenseAsync(BravoVector, AccessScope.Anonymous, 10));
        Assert.Empty(await index.SearchKeywordAsync("marker", AccessScope.Anonymous, 10));
    }

    [Fact]
    public async Task SearchDense_ManyBetterChunksInForbiddenSet_StillReturnsLimitAllowedHits()
    {
        var index = await NewReadyIndexAsync();
        var random = new Random(42);
        await AddAsync(index, Document("set-b", "crowd.txt"), [.. Enumerable.Range(0, 60).Select(i => ($"Forbidden chunk {i}.", Near(BravoVector, 0.05f, random)))]);
        var allowed = await AddAsync(index, Document("set-a", "few.txt"), [.. Enumerable.Range(0, 8).Select(i => ($"Allowed chunk {i}.", Near(AlphaVector, 0.3f, random)))]);

        var asB = await index.SearchDenseAsync(BravoVector, User("group-b"), 5);
        var asA = await index.SearchDenseAsync(BravoVector, User("group-a"), 5);

        Assert.All(asB, h => Assert.Equal("set-b", h.Chunk.SetName));
        Assert.True(asB[^1].Score > asA[0].Score, "the forbidden chunks are the better matches");
        Assert.Equal(5, asA.Count);
        Assert.All(asA, h => Assert.Contains(allowed, c => c.Chunk.Id == h.Chunk.Id));
    }

    [Fact]
    public async Task SearchKeyword_ManyBetterChunksInForbiddenSet_StillReturnsLimitAllowedHits()
    {
        var index = await NewReadyIndexAsync();
        await AddAsync(index, Document("set-b", "crowd.txt"), [.. Enumerable.Range(0, 60).Select(i => ("Pelican pelican pelican.", Axis(1)))]);
        var allowed = await AddAsync(index, Document("set-a", "few.txt"), [.. Enumerable.Range(0, 8).Select(i => ($"A long paragraph number {i} that mentions one pelican among many other words of ordinary prose.", Axis(0)))]);

        var asB = await index.SearchKeywordAsync("pelican", User("group-b"), 5);
        var asA = await index.SearchKeywordAsync("pelican", User("group-a"), 5);

        Assert.All(asB, h => Assert.Equal("set-b", h.Chunk.SetName));
        Assert.True(asB[^1].Score > asA[0].Score, "the forbidden chunks are the better matches");
        Assert.Equal(5, asA.Count);
        Assert.All(asA, h => Assert.Contains(allowed, c => c.Chunk.Id == h.Chunk.Id));
    }

    [Fact]
    public async Task UpsertDocumentSet_GroupsChanged_TakesEffectAtOnce()
    {
        var index = await NewMarkedIndexAsync();
        var reader = User("group-a");

        await index.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-c"]));

        Assert.Empty(await index.SearchDenseAsync(AlphaVector, reader, 10));
        Assert.Empty(await index.SearchKeywordAsync("amberfalcon", reader, 10));
        Assert.Single(await index.SearchKeywordAsync("amberfalcon", User("group-c"), 10));
        Assert.Equal(["group-c"], (await index.GetDocumentSetAsync("set-a"))?.Groups);

        await index.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-c", "group-a"]));

        Assert.Equal(AlphaMarker, (await index.SearchDenseAsync(AlphaVector, reader, 10))[0].Chunk.Text);
        Assert.Single(await index.SearchKeywordAsync("amberfalcon", reader, 10));
    }

    /// <summary>A ready store with one marker chunk in set-a (group-a) and one in set-b (group-b).</summary>
    private async Task<IDocumentIndex> NewMarkedIndexAsync()
    {
        var index = await NewReadyIndexAsync();
        await AddAsync(index, Document("set-a", "alpha.txt"), (AlphaMarker, AlphaVector));
        await AddAsync(index, Document("set-b", "bravo.txt"), (BravoMarker, BravoVector));
        return index;
    }
}

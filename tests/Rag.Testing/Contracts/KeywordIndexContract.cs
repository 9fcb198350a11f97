using Rag.Core.Documents;
using Rag.Core.Storage;
using Xunit;
using static Rag.Testing.Contracts.IndexTestData;

namespace Rag.Testing.Contracts;

/// <summary>
/// What every <see cref="IKeywordIndex"/> must do, written once: a backend's test class derives from this and says how to
/// create an empty index. Each test builds its own index; nothing depends on another test's data. Set names are given
/// as a catalog hands them over (canonical) and compared ordinally.
/// </summary>
public abstract class KeywordIndexContract : IAsyncLifetime
{
    /// <summary>
    /// Creates a new, empty keyword index with <paramref name="analyzer"/> for the current test; the subclass disposes it
    /// after the test.
    /// </summary>
    protected abstract Task<IKeywordIndex> CreateIndexAsync(KeywordAnalyzer analyzer);

    /// <summary>A new, empty keyword index with the default analyzer (English).</summary>
    protected Task<IKeywordIndex> CreateIndexAsync() => CreateIndexAsync(KeywordAnalyzer.English);

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Search_AfterReplace_FindsTermsBestFirst()
    {
        var index = await CreateIndexAsync();
        var document = Document("set-a", "birds.txt");
        var chunks = Plain(document,
            "The pelican guide lists many other birds, rivers, coasts and the seasons in which one may watch them.",
            "Pelican pelican pelican.",
            "Nothing relevant here.");
        await index.ReplaceDocumentAsync(document, "set-a", chunks);

        var hits = await index.SearchAsync("pelican", ["set-a"], 10);

        Assert.Equal([chunks[1].Id, chunks[0].Id], hits.Select(h => h.ChunkId));
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public async Task Search_EnglishAnalyzer_StemmedQueryFindsInflectedForms()
    {
        var index = await CreateIndexAsync(KeywordAnalyzer.English);
        var document = Document("set-a", "birds.txt");
        var chunks = Plain(document, "Pelicans migrated along the coasts.", "Nothing relevant here.");
        await index.ReplaceDocumentAsync(document, "set-a", chunks);

        Assert.Equal(chunks[0].Id, Assert.Single(await index.SearchAsync("migrating pelican", ["set-a"], 10)).ChunkId);
        Assert.Equal(chunks[0].Id, Assert.Single(await index.SearchAsync("coast", ["set-a"], 10)).ChunkId);
    }

    [Fact]
    public async Task Search_SimpleAnalyzer_MatchesOnlyTheWrittenForm()
    {
        var index = await CreateIndexAsync(KeywordAnalyzer.Simple);
        var document = Document("set-a", "birds.txt");
        var chunks = Plain(document, "Pelicans migrated along the coasts.", "Nothing relevant here.");
        await index.ReplaceDocumentAsync(document, "set-a", chunks);

        Assert.Empty(await index.SearchAsync("migrating pelican", ["set-a"], 10));
        Assert.Equal(chunks[0].Id, Assert.Single(await index.SearchAsync("pelicans", ["set-a"], 10)).ChunkId);
        // Diacritics and case are folded by both analyzers.
        Assert.Equal(chunks[0].Id, Assert.Single(await index.SearchAsync("MIGRÁTED", ["set-a"], 10)).ChunkId);
    }

    [Fact]
    public async Task Search_EnglishAnalyzer_StopWordsDoNotMatchButAStopWordQueryStillSearches()
    {
        var index = await CreateIndexAsync(KeywordAnalyzer.English);
        var document = Document("set-a", "words.txt");
        var chunks = Plain(document, "The otter swims.", "It is the one of them that was there.");
        await index.ReplaceDocumentAsync(document, "set-a", chunks);

        // "the" and "of" are left out of the query, so the chunk full of them does not match.
        Assert.Equal(chunks[0].Id, Assert.Single(await index.SearchAsync("the habits of the otter", ["set-a"], 10)).ChunkId);
        // A query of stop words only keeps them.
        Assert.Equal(2, (await index.SearchAsync("the", ["set-a"], 10)).Count);
    }

    [Fact]
    public async Task Search_SimpleAnalyzer_KeepsStopWords()
    {
        var index = await CreateIndexAsync(KeywordAnalyzer.Simple);
        var document = Document("set-a", "words.txt");
        var chunks = Plain(document, "The otter swims.", "It is the one of them that was there.");
        await index.ReplaceDocumentAsync(document, "set-a", chunks);

        Assert.Equal(2, (await index.SearchAsync("the habits of the otter", ["set-a"], 10)).Count);
    }

    [Fact]
    public async Task Search_TitleAndHeadingTerms_AreSearchable()
    {
        var index = await CreateIndexAsync();
        var document = Document("set-a", "t.txt", title: "Zanzibar handbook");
        var chunks = Plain(document, "Body text only.");
        await index.ReplaceDocumentAsync(document, "set-a", chunks);

        Assert.Equal(chunks[0].Id, Assert.Single(await index.SearchAsync("zanzibar", ["set-a"], 10)).ChunkId);
        Assert.Single(await index.SearchAsync("section", ["set-a"], 10));
    }

    [Fact]
    public async Task Search_Limit_ReturnsAtMostLimit()
    {
        var index = await CreateIndexAsync();
        var document = Document("set-a", "many.txt");
        await index.ReplaceDocumentAsync(document, "set-a", Plain(document, [.. Enumerable.Range(0, 12).Select(i => $"Otter number {i}.")]));

        Assert.Equal(4, (await index.SearchAsync("otter", ["set-a"], 4)).Count);
        Assert.Equal(12, (await index.SearchAsync("otter", ["set-a"], 50)).Count);
        Assert.Empty(await index.SearchAsync("otter", ["set-a"], 0));
    }

    [Fact]
    public async Task Search_ReaderOfOneSet_NeverSeesAnotherSetsChunks()
    {
        var index = await CreateIndexAsync();
        var a = Document("set-a", "a.txt");
        var b = Document("set-b", "b.txt");
        var aChunks = Plain(a, "The falcon schedule is public.");
        var bChunks = Plain(b, "The falcon vault code is 4471.");
        await index.ReplaceDocumentAsync(a, "set-a", aChunks);
        await index.ReplaceDocumentAsync(b, "set-b", bChunks);

        Assert.Equal(aChunks[0].Id, Assert.Single(await index.SearchAsync("falcon vault", ["set-a"], 10)).ChunkId);
        Assert.Empty(await index.SearchAsync("vault 4471", ["set-a"], 10));
        Assert.Equal(bChunks[0].Id, Assert.Single(await index.SearchAsync("vault", ["set-b"], 10)).ChunkId);
        Assert.Equal(2, (await index.SearchAsync("falcon", ["set-a", "set-b"], 10)).Count);
    }

    [Fact]
    public async Task Search_UnreadableSetHoldsEveryBestMatch_LimitStillFull()
    {
        var index = await CreateIndexAsync();
        var strong = Document("set-b", "strong.txt");
        await index.ReplaceDocumentAsync(strong, "set-b", Plain(strong, [.. Enumerable.Range(0, 60).Select(i => $"Heron heron heron {i}.")]));
        var weak = Document("set-a", "weak.txt");
        var readable = Plain(weak, [.. Enumerable.Range(0, 3).Select(i => $"A long sentence that mentions the heron once among many other words, number {i}.")]);
        await index.ReplaceDocumentAsync(weak, "set-a", readable);

        var hits = await index.SearchAsync("heron", ["set-a"], 3);

        Assert.Equal(readable.Select(c => c.Id).Order(), hits.Select(h => h.ChunkId).Order());
    }

    [Fact]
    public async Task Search_NoReadableSetOrNoTerms_FindsNothing()
    {
        var index = await CreateIndexAsync();
        var document = Document("set-a", "a.txt");
        await index.ReplaceDocumentAsync(document, "set-a", Plain(document, "Walrus facts."));

        Assert.Empty(await index.SearchAsync("walrus", [], 10));
        Assert.Empty(await index.SearchAsync("walrus", ["no-such-set"], 10));
        Assert.Empty(await index.SearchAsync("  ?! ", ["set-a"], 10));
        Assert.Single(await index.SearchAsync("walrus", ["set-a"], 10));
    }

    [Fact]
    public async Task Search_SetNameInAnotherCase_IsAnotherSet()
    {
        var index = await CreateIndexAsync();
        var document = Document("Legal", "l.txt");
        await index.ReplaceDocumentAsync(document, "Legal", Plain(document, "Covenant text."));

        Assert.Empty(await index.SearchAsync("covenant", ["legal"], 10));
        Assert.Single(await index.SearchAsync("covenant", ["Legal"], 10));
    }

    [Fact]
    public async Task ReplaceDocument_NewChunks_OldTextAndRemovedChunksGone()
    {
        var index = await CreateIndexAsync();
        var v1 = Document("set-a", "edited.txt", "v1");
        var old = Plain(v1, "The gazebo rule.", "Second old chunk about gazebos.");
        await index.ReplaceDocumentAsync(v1, "set-a", old);
        var v2 = Document("set-a", "edited.txt", "v2");
        var current = new[] { old[0] with { Text = "The pergola rule." } };

        await index.ReplaceDocumentAsync(v2, "set-a", current);

        Assert.Empty(await index.SearchAsync("gazebo gazebos", ["set-a"], 10));
        Assert.Equal(old[0].Id, Assert.Single(await index.SearchAsync("pergola", ["set-a"], 10)).ChunkId);
        Assert.Single(await index.SearchAsync("rule second old", ["set-a"], 10));
    }

    [Fact]
    public async Task ReplaceDocument_SameChunksAgain_NoDuplicates()
    {
        var index = await CreateIndexAsync();
        var document = Document("set-a", "stable.txt");
        var chunks = Plain(document, "Stable first chunk.", "Stable second chunk.");
        await index.ReplaceDocumentAsync(document, "set-a", chunks);

        await index.ReplaceDocumentAsync(document, "set-a", chunks);

        Assert.Equal(2, (await index.SearchAsync("stable", ["set-a"], 10)).Count);
    }

    [Fact]
    public async Task DeleteDocument_Existing_RemovesOnlyItsChunks()
    {
        var index = await CreateIndexAsync();
        var keep = Document("set-a", "keep.txt");
        var drop = Document("set-a", "drop.txt");
        await index.ReplaceDocumentAsync(keep, "set-a", Plain(keep, "Beavers stay."));
        await index.ReplaceDocumentAsync(drop, "set-a", Plain(drop, "Beavers go.", "More beavers go."));

        Assert.Equal(2, await index.DeleteDocumentAsync(drop.DocumentId));

        Assert.Single(await index.SearchAsync("beavers", ["set-a"], 10));
        Assert.Equal(0, await index.DeleteDocumentAsync(drop.DocumentId));
    }

    /// <summary>The chunks of <paramref name="document"/> with <paramref name="texts"/> (their vectors unused).</summary>
    protected static Chunk[] Plain(SourceDocument document, params string[] texts) =>
        [.. Chunks(document, [.. texts.Select(t => (t, Axis(0)))]).Select(c => c.Chunk)];
}

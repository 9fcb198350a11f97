using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Storage;
using Xunit;
using static Rag.Testing.Contracts.IndexTestData;

namespace Rag.Testing.Contracts;

/// <summary>
/// What every <see cref="IDocumentCatalog"/> must do, written once: a backend's test class derives from this and says
/// how to create an empty catalog. Each test builds its own catalog; nothing depends on another test's data.
/// </summary>
public abstract class DocumentCatalogContract : IAsyncLifetime
{
    private static readonly Func<string, CancellationToken, Task> NoIndexes = (_, _) => Task.CompletedTask;

    /// <summary>Creates a new, empty catalog for the current test; the subclass disposes it after the test.</summary>
    protected abstract Task<IDocumentCatalog> CreateCatalogAsync();

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EnsureModel_FirstCallThenAnother_BindsTheFirstAndRefusesTheOther()
    {
        var catalog = await CreateCatalogAsync();
        Assert.Null(await catalog.GetModelAsync());

        await catalog.EnsureModelAsync(Model);
        await catalog.EnsureModelAsync(Model);

        Assert.Equal(Model, await catalog.GetModelAsync());
        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => catalog.EnsureModelAsync(new EmbeddingModelInfo("another-model", Dimensions)));
        Assert.Equal(Model, await catalog.GetModelAsync());
    }

    [Fact]
    public async Task UpsertDocumentSet_NameInAnotherAsciiCase_IsTheSameSet()
    {
        var catalog = await CreateCatalogAsync();
        await catalog.UpsertDocumentSetAsync(new DocumentSet("Legal", ["lawyers", "board"]));

        await catalog.UpsertDocumentSetAsync(new DocumentSet("LEGAL", ["lawyers"]));

        var set = await catalog.GetDocumentSetAsync("legal");
        Assert.Equal("Legal", set?.Name);
        Assert.Equal(["lawyers"], set?.Groups);
        Assert.Null(await catalog.GetDocumentSetAsync("L\u00E9gal"));
        Assert.Equal(1, (await catalog.GetStatisticsAsync()).DocumentSets);
    }

    [Theory]
    [InlineData("sales\u200B")]
    [InlineData("sa\u0007les")]
    public async Task UpsertDocumentSet_BrokenName_ThrowsArgumentException(string name)
    {
        var catalog = await CreateCatalogAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => catalog.UpsertDocumentSetAsync(new DocumentSet(name, ["group-a"])));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => catalog.UpsertDocumentSetAsync(new DocumentSet("set-a", [name])));

        Assert.Equal(0, (await catalog.GetStatisticsAsync()).DocumentSets);
    }

    [Fact]
    public async Task GetReadableSets_Groups_NamesTheirSetsCanonically()
    {
        var catalog = await NewReadyCatalogAsync();
        await catalog.UpsertDocumentSetAsync(new DocumentSet("Shared", ["group-a", "group-b"]));

        Assert.Equal(["Shared", "set-a"], (await catalog.GetReadableSetsAsync(User("GROUP-A"))).Order(StringComparer.Ordinal));
        Assert.Equal(["Shared", "set-b"], (await catalog.GetReadableSetsAsync(User("group-b"))).Order(StringComparer.Ordinal));
        Assert.Empty(await catalog.GetReadableSetsAsync(User("group-c")));
        Assert.Empty(await catalog.GetReadableSetsAsync(User()));
    }

    [Fact]
    public async Task ReplaceDocument_NewDocument_StoresItAndCallsTheIndexesWithTheCanonicalSetName()
    {
        var catalog = await NewReadyCatalogAsync();
        var document = Document("SET-A", "report.txt") with { Title = "Report" };
        var chunks = Plain(document, "One.", "Two.");
        string? indexedSet = null;

        var superseded = await catalog.ReplaceDocumentAsync(document, chunks, (set, _) =>
        {
            indexedSet = set;
            return Task.CompletedTask;
        });

        Assert.Empty(superseded);
        Assert.Equal("set-a", indexedSet);
        Assert.Equal(document.DocumentId, (await catalog.GetDocumentAsync(document.DocumentId))?.DocumentId);
        Assert.Equal(new IndexStatistics(2, 1, 2), await catalog.GetStatisticsAsync());
    }

    [Fact]
    public async Task ReplaceDocument_NewVersion_ReturnsSupersededChunkIds()
    {
        var catalog = await NewReadyCatalogAsync();
        var v1 = Document("set-a", "handbook.txt", "v1");
        var old = Plain(v1, "Old one.", "Old two.");
        await catalog.ReplaceDocumentAsync(v1, old, NoIndexes);
        var v2 = Document("set-a", "handbook.txt", "v2");

        var superseded = await catalog.ReplaceDocumentAsync(v2, Plain(v2, "New."), NoIndexes);

        Assert.Equal(old.Select(c => c.Id).Order(), superseded.Order());
        Assert.Equal("v2", (await catalog.GetDocumentAsync(v2.DocumentId))?.ContentHash);
        Assert.Equal(1, (await catalog.GetStatisticsAsync()).Chunks);
    }

    [Fact]
    public async Task ReplaceDocument_IndexesThrow_RollsBackEverything()
    {
        var catalog = await NewReadyCatalogAsync();
        var v1 = Document("set-a", "kept.txt", "v1");
        var kept = Plain(v1, "Kept.");
        await catalog.ReplaceDocumentAsync(v1, kept, NoIndexes);
        var v2 = Document("set-a", "kept.txt", "v2");

        await Assert.ThrowsAsync<TimeoutException>(() => catalog.ReplaceDocumentAsync(v2, Plain(v2, "Lost.", "Lost too."), (_, _) => throw new TimeoutException()));

        Assert.Equal("v1", (await catalog.GetDocumentAsync(v1.DocumentId))?.ContentHash);
        Assert.Equal(1, (await catalog.GetStatisticsAsync()).Chunks);
        Assert.Equal(kept[0].Id, Assert.Single(await catalog.HydrateAsync([new ScoredChunk(kept[0].Id, 1)], ["set-a"])).Chunk.Id);
    }

    [Fact]
    public async Task ReplaceDocument_UnknownSet_ThrowsBeforeCallingTheIndexes()
    {
        var catalog = await NewReadyCatalogAsync();
        var document = Document("no-such-set", "orphan.txt");
        var called = false;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => catalog.ReplaceDocumentAsync(document, Plain(document, "Orphan."), (_, _) =>
        {
            called = true;
            return Task.CompletedTask;
        }));

        Assert.Contains("no-such-set", error.Message, StringComparison.Ordinal);
        Assert.False(called);
    }

    [Fact]
    public async Task ReplaceDocument_IdHeldByAnotherPath_RefusesAndKeepsTheHolder()
    {
        var catalog = await NewReadyCatalogAsync();
        var holder = Document("set-a", "holder.txt");
        await catalog.ReplaceDocumentAsync(holder, Plain(holder, "Holder."), NoIndexes);
        var intruder = holder with { SourcePath = "intruder.txt" };
        var called = false;

        await Assert.ThrowsAsync<InvalidOperationException>(() => catalog.ReplaceDocumentAsync(intruder, Plain(intruder, "Intruder."), (_, _) =>
        {
            called = true;
            return Task.CompletedTask;
        }));

        Assert.False(called);
        Assert.Equal("holder.txt", (await catalog.GetDocumentAsync(holder.DocumentId))?.SourcePath);
    }

    [Fact]
    public async Task DeleteDocument_Existing_CallsTheIndexesAndRemovesIt()
    {
        var catalog = await NewReadyCatalogAsync();
        var document = Document("set-a", "drop.txt");
        var chunks = Plain(document, "Drop.");
        await catalog.ReplaceDocumentAsync(document, chunks, NoIndexes);
        var called = 0;

        Assert.True(await catalog.DeleteDocumentAsync(document.DocumentId, _ =>
        {
            called++;
            return Task.CompletedTask;
        }));

        Assert.Equal(1, called);
        Assert.Null(await catalog.GetDocumentAsync(document.DocumentId));
        Assert.Empty(await catalog.HydrateAsync([new ScoredChunk(chunks[0].Id, 1)], ["set-a"]));
        Assert.False(await catalog.DeleteDocumentAsync(document.DocumentId, _ => throw new InvalidOperationException("Not called for a missing document.")));
    }

    [Fact]
    public async Task Hydrate_Hits_KeepsOrderAndScoresAndDropsGoneOrUnreadableChunks()
    {
        var catalog = await NewReadyCatalogAsync();
        var a = Document("set-a", "a.txt", title: "Title A");
        var b = Document("set-b", "b.txt");
        var aChunks = Plain(a, "First.", "Second.");
        var bChunks = Plain(b, "Secret.");
        await catalog.ReplaceDocumentAsync(a, aChunks, NoIndexes);
        await catalog.ReplaceDocumentAsync(b, bChunks, NoIndexes);

        var hits = await catalog.HydrateAsync(
            [new ScoredChunk(aChunks[1].Id, 0.9), new ScoredChunk(bChunks[0].Id, 0.8), new ScoredChunk(Guid.NewGuid(), 0.7), new ScoredChunk(aChunks[0].Id, 0.5)],
            ["set-a"]);

        Assert.Equal([aChunks[1].Id, aChunks[0].Id], hits.Select(h => h.Chunk.Id));
        Assert.Equal([0.9, 0.5], hits.Select(h => h.Score));
        var hydrated = hits[0].Chunk;
        Assert.Equal(
            (aChunks[1].DocumentId, "set-a", 1, "Second.", aChunks[1].StartOffset, aChunks[1].EndOffset, a.ContentHash),
            (hydrated.DocumentId, hydrated.SetName, hydrated.Index, hydrated.Text, hydrated.StartOffset, hydrated.EndOffset, hydrated.DocumentVersion));
        Assert.Equal(aChunks[1].HeadingPath, hydrated.HeadingPath);
        Assert.Equal("Title A", hits[0].DocumentTitle);
        Assert.Empty(await catalog.HydrateAsync([new ScoredChunk(aChunks[0].Id, 1)], []));
    }

    /// <summary>A catalog with <see cref="IndexTestData.Model"/> bound, set-a readable by group-a and set-b by group-b.</summary>
    protected async Task<IDocumentCatalog> NewReadyCatalogAsync()
    {
        var catalog = await CreateCatalogAsync();
        await catalog.EnsureModelAsync(Model);
        await catalog.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        await catalog.UpsertDocumentSetAsync(new DocumentSet("set-b", ["group-b"]));
        return catalog;
    }

    private static Chunk[] Plain(SourceDocument document, params string[] texts) =>
        [.. Chunks(document, [.. texts.Select(t => (t, Axis(0)))]).Select(c => c.Chunk)];
}

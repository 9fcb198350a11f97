using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Storage;
using Xunit;
using static Rag.Testing.Contracts.IndexTestData;

namespace Rag.Testing.Contracts;

/// <summary>
/// What every <see cref="IDocumentIndex"/> backend must do, written once: a backend's test class derives from this,
/// says how to create an empty store and how to reopen it, and inherits every fact. Each test builds its own
/// store; nothing depends on another test's data. This file: model binding, documents and statistics;
/// the partial files beside it hold search and access control.
/// </summary>
public abstract partial class DocumentIndexContractTests : IAsyncLifetime
{
    private readonly List<IDocumentIndex> _opened = [];

    /// <summary>Creates a new, empty store for the current test.</summary>
    protected abstract Task<IDocumentIndex> CreateIndexAsync();

    /// <summary>Opens the store last created by <see cref="CreateIndexAsync"/> again (its old instance is already disposed).</summary>
    protected abstract Task<IDocumentIndex> ReopenIndexAsync();

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        foreach (var index in _opened)
        {
            await DisposeIndexAsync(index);
        }

        _opened.Clear();
    }

    [Fact]
    public async Task GetModel_NewIndex_ReturnsNull()
    {
        var index = await NewIndexAsync();

        Assert.Null(await index.GetModelAsync());
    }

    [Fact]
    public async Task EnsureModel_FirstCall_BindsModel()
    {
        var index = await NewIndexAsync();

        await index.EnsureModelAsync(Model);
        await index.EnsureModelAsync(Model);

        Assert.Equal(Model, await index.GetModelAsync());
    }

    [Fact]
    public async Task EnsureModel_DifferentModelId_ThrowsNamingBothModels()
    {
        var index = await NewIndexAsync();
        await index.EnsureModelAsync(Model);

        var error = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(
            () => index.EnsureModelAsync(new EmbeddingModelInfo("another-model", Dimensions)));

        Assert.Contains(Model.ModelId, error.Message, StringComparison.Ordinal);
        Assert.Contains("another-model", error.Message, StringComparison.Ordinal);
        Assert.Equal(Model, await index.GetModelAsync());
    }

    [Fact]
    public async Task EnsureModel_DifferentDimensions_Throws()
    {
        var index = await NewIndexAsync();
        await index.EnsureModelAsync(Model);

        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(
            () => index.EnsureModelAsync(Model with { Dimensions = Dimensions * 2 }));
    }

    [Fact]
    public async Task ReplaceDocument_WrongVectorLength_ThrowsAndStoresNothing()
    {
        var index = await NewReadyIndexAsync();
        var document = Document("set-a", "wrong.txt");

        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(
            () => index.ReplaceDocumentAsync(document, Chunks(document, ("Too long a vector.", new float[Dimensions + 1]))));

        Assert.Null(await index.GetDocumentAsync(document.DocumentId));
        Assert.Equal(0, (await index.GetStatisticsAsync()).Chunks);
    }

    [Fact]
    public async Task ReplaceDocument_NoModelBound_Throws()
    {
        var index = await NewIndexAsync();
        await index.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        var document = Document("set-a", "early.txt");

        await Assert.ThrowsAnyAsync<InvalidOperationException>(
            () => index.ReplaceDocumentAsync(document, Chunks(document, ("No model yet.", Axis(0)))));
    }

    [Fact]
    public async Task ReplaceDocument_UnknownSet_ThrowsInvalidOperation()
    {
        var index = await NewIndexAsync();
        await index.EnsureModelAsync(Model);
        var document = Document("no-such-set", "orphan.txt");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => index.ReplaceDocumentAsync(document, Chunks(document, ("Orphan.", Axis(0)))));

        Assert.Contains("no-such-set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplaceDocument_NewVersion_OldChunksGone()
    {
        var index = await NewReadyIndexAsync();
        var v1 = Document("set-a", "handbook.txt", "v1");
        var old = await AddAsync(index, v1, ("Old wording mentions the obsolete gazebo rule.", Axis(0)), ("Second old chunk.", Axis(1)), ("Third old chunk.", Axis(2)));
        var v2 = Document("set-a", "handbook.txt", "v2");

        var current = await AddAsync(index, v2, ("New wording of the pergola rule.", Axis(3)), ("Second new chunk.", Axis(4)));

        Assert.Equal("v2", (await index.GetDocumentAsync(v2.DocumentId))?.ContentHash);
        Assert.Equal(new IndexStatistics(2, 1, 2), await index.GetStatisticsAsync());
        Assert.Empty(await index.SearchKeywordAsync("gazebo", User("group-a"), 10));
        Assert.Single(await index.SearchKeywordAsync("pergola", User("group-a"), 10));
        var dense = await index.SearchDenseAsync(Axis(0), User("group-a"), 10);
        Assert.Equal(current.Select(c => c.Chunk.Id).Order(), dense.Select(h => h.Chunk.Id).Order());
        Assert.DoesNotContain(dense, h => old.Any(o => o.Chunk.Id == h.Chunk.Id));
    }

    [Fact]
    public async Task ReplaceDocument_SameVersionAgain_KeepsCounts()
    {
        var index = await NewReadyIndexAsync();
        var document = Document("set-a", "stable.txt");
        var chunks = Chunks(document, ("Stable first chunk.", Axis(0)), ("Stable second chunk.", Axis(1)));
        await index.ReplaceDocumentAsync(document, chunks);
        var before = await index.GetStatisticsAsync();

        await index.ReplaceDocumentAsync(document, chunks);

        Assert.Equal(before, await index.GetStatisticsAsync());
        var dense = await index.SearchDenseAsync(Axis(0), User("group-a"), 10);
        Assert.Equal(2, dense.Count);
        Assert.Equal(2, dense.Select(h => h.Chunk.Id).Distinct().Count());
        Assert.Single(await index.SearchKeywordAsync("first", User("group-a"), 10));
    }

    [Fact]
    public async Task ReplaceDocument_SameChunkIdsNewText_ReplacesSearchableText()
    {
        var index = await NewReadyIndexAsync();
        var document = Document("set-a", "edited.txt");
        await AddAsync(index, document, ("The walrus clause.", Axis(0)));

        await AddAsync(index, document, ("The narwhal clause.", Axis(1)));

        Assert.Empty(await index.SearchKeywordAsync("walrus", User("group-a"), 10));
        var hit = Assert.Single(await index.SearchKeywordAsync("narwhal", User("group-a"), 10));
        Assert.Equal("The narwhal clause.", hit.Chunk.Text);
        var dense = Assert.Single(await index.SearchDenseAsync(Axis(1), User("group-a"), 10));
        Assert.Equal(1.0, dense.Score, 3);
    }

    [Fact]
    public async Task DeleteDocument_Existing_RemovesItFromSearchAndStatistics()
    {
        var index = await NewReadyIndexAsync();
        var keep = Document("set-a", "keep.txt");
        var drop = Document("set-a", "drop.txt");
        await AddAsync(index, keep, ("Keep this chunk about otters.", Axis(0)));
        await AddAsync(index, drop, ("Drop this chunk about beavers.", Axis(1)), ("More beavers.", Axis(2)));

        Assert.True(await index.DeleteDocumentAsync(drop.DocumentId));

        Assert.Null(await index.GetDocumentAsync(drop.DocumentId));
        Assert.NotNull(await index.GetDocumentAsync(keep.DocumentId));
        Assert.Equal(new IndexStatistics(2, 1, 1), await index.GetStatisticsAsync());
        Assert.Empty(await index.SearchKeywordAsync("beavers", User("group-a"), 10));
        var dense = Assert.Single(await index.SearchDenseAsync(Axis(1), User("group-a"), 10));
        Assert.Equal(keep.DocumentId, dense.Chunk.DocumentId);
    }

    [Fact]
    public async Task DeleteDocument_Missing_ReturnsFalse()
    {
        var index = await NewReadyIndexAsync();

        Assert.False(await index.DeleteDocumentAsync("no-such-document"));
    }

    [Fact]
    public async Task GetStatistics_AfterIngest_CountsSetsDocumentsAndChunks()
    {
        var index = await NewReadyIndexAsync();
        await AddAsync(index, Document("set-a", "one.txt"), ("One.", Axis(0)), ("Two.", Axis(1)));
        await AddAsync(index, Document("set-b", "two.txt"), ("Three.", Axis(2)));
        await AddAsync(index, Document("set-b", "three.txt"), ("Four.", Axis(3)), ("Five.", Axis(4)));

        Assert.Equal(new IndexStatistics(2, 3, 5), await index.GetStatisticsAsync());
    }

    [Fact]
    public async Task GetDocument_Stored_ReturnsItAsGiven()
    {
        var index = await NewReadyIndexAsync();
        var document = new SourceDocument(Document("set-a", "docs/report.pdf").DocumentId, "set-a", "Annual report", "docs/report.pdf", "abc123", "application/pdf", 12);
        await AddAsync(index, document, ("Page one.", Axis(0)));

        Assert.Equal(document, await index.GetDocumentAsync(document.DocumentId));
        Assert.Null(await index.GetDocumentAsync("missing"));
    }

    [Fact]
    public async Task GetDocumentSet_Stored_ReturnsGroupsAndIgnoresNameCase()
    {
        var index = await NewIndexAsync();
        await index.UpsertDocumentSetAsync(new DocumentSet("Legal", ["lawyers", "board"]));

        var set = await index.GetDocumentSetAsync("legal");

        Assert.NotNull(set);
        Assert.Equal("Legal", set.Name);
        Assert.Equal(["board", "lawyers"], set.Groups.Order(StringComparer.Ordinal));
        Assert.Null(await index.GetDocumentSetAsync("missing"));
    }

    [Fact]
    public async Task Reopen_AfterWrites_KeepsModelSetsDocumentsAndVectors()
    {
        var index = await NewReadyIndexAsync();
        var document = Document("set-a", "persisted.txt");
        var chunks = await AddAsync(index, document, ("Persisted chunk about lighthouses.", Mix(0, 1f, 1, 0.2f)), ("Another chunk.", Axis(5)));

        var reopened = await ReopenAsync(index);

        Assert.Equal(Model, await reopened.GetModelAsync());
        Assert.NotNull(await reopened.GetDocumentSetAsync("set-a"));
        Assert.Equal(document, await reopened.GetDocumentAsync(document.DocumentId));
        var dense = await reopened.SearchDenseAsync(Mix(0, 1f, 1, 0.2f), User("group-a"), 1);
        Assert.Equal(chunks[0].Chunk.Id, Assert.Single(dense).Chunk.Id);
        Assert.Equal(1.0, dense[0].Score, 3);
        Assert.Single(await reopened.SearchKeywordAsync("lighthouses", User("group-a"), 10));
        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => reopened.EnsureModelAsync(new EmbeddingModelInfo("other", Dimensions)));
    }

    /// <summary>Creates a store that the test owns (disposed after the test).</summary>
    protected async Task<IDocumentIndex> NewIndexAsync()
    {
        var index = await CreateIndexAsync();
        _opened.Add(index);
        return index;
    }

    /// <summary>A store with <see cref="IndexTestData.Model"/> bound, set-a readable by group-a and set-b by group-b.</summary>
    protected async Task<IDocumentIndex> NewReadyIndexAsync()
    {
        var index = await NewIndexAsync();
        await index.EnsureModelAsync(Model);
        await index.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        await index.UpsertDocumentSetAsync(new DocumentSet("set-b", ["group-b"]));
        return index;
    }

    /// <summary>Disposes <paramref name="index"/> and opens its store again.</summary>
    protected async Task<IDocumentIndex> ReopenAsync(IDocumentIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        _opened.Remove(index);
        await DisposeIndexAsync(index);
        var reopened = await ReopenIndexAsync();
        _opened.Add(reopened);
        return reopened;
    }

    private static async ValueTask DisposeIndexAsync(IDocumentIndex index)
    {
        if (index is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else if (index is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Rag.Core.Documents;
using Rag.Core.Storage;
using Rag.Testing;
using Rag.Testing.Contracts;
using static Rag.Testing.Contracts.IndexTestData;

namespace Rag.Storage.Tests;

/// <summary>
/// The whole <see cref="IDocumentIndex"/> contract through <see cref="CompositeDocumentIndex"/> with the vectors in a
/// second database: the vector index shares no transaction with the catalog, as Qdrant will not. Plus the write-order
/// guarantees that only such a split can break.
/// </summary>
public sealed class CompositeDocumentIndexTests : DocumentIndexContractTests, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly List<SqliteDocumentIndex> _stores = [];

    public void Dispose() => _temp.Dispose();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await CloseStoresAsync();
    }

    [Fact]
    public async Task SearchDense_VectorsWithoutCatalogRows_AreDroppedAndTheNextReplacementDeletesThem()
    {
        var index = await NewReadyIndexAsync();
        var vectors = _stores[1].Vectors;
        var document = Document("set-a", "crashed.txt", "v1");
        var current = await AddAsync(index, document, ("Current.", Axis(1)));

        // What a write that failed after the vectors went in leaves behind: vectors of a version the catalog never committed.
        var orphans = Chunks(document with { ContentHash = "v0" }, ("Never committed.", Axis(0)), ("Never committed either.", Axis(0)));
        await vectors.UpsertAsync("set-a", orphans);

        var dense = await index.SearchDenseAsync(Axis(0), User("group-a"), 10);
        Assert.Equal(current[0].Chunk.Id, Assert.Single(dense).Chunk.Id);
        Assert.Equal(3, vectors.Count);

        await AddAsync(index, document with { ContentHash = "v2" }, ("Replaced.", Axis(1)));

        Assert.Equal(1, vectors.Count);
    }

    [Fact]
    public async Task SearchDense_CatalogRowDeletedBeforeTheVectors_NeverReturnsIt()
    {
        var index = await NewReadyIndexAsync();
        var gone = Document("set-a", "gone.txt");
        var kept = await AddAsync(index, Document("set-a", "kept.txt"), ("Kept.", Axis(1)));
        await AddAsync(index, gone, ("Gone.", Axis(0)));

        // The catalog commits a deletion; the vector deletion that follows has not happened yet.
        Assert.True(await _stores[0].Catalog.DeleteDocumentAsync(gone.DocumentId, _ => Task.CompletedTask));

        var dense = await index.SearchDenseAsync(Axis(0), User("group-a"), 10);
        Assert.Equal(kept[0].Chunk.Id, Assert.Single(dense).Chunk.Id);
    }

    protected override async Task<IDocumentIndex> CreateIndexAsync() => await OpenAsync();

    protected override async Task<IDocumentIndex> ReopenIndexAsync()
    {
        await CloseStoresAsync();
        return await OpenAsync();
    }

    private async Task<IDocumentIndex> OpenAsync()
    {
        var catalog = await SqliteDocumentIndex.OpenAsync(new StorageOptions { DataDirectory = _temp.Combine("catalog") }, NullLogger.Instance);
        var vectors = await SqliteDocumentIndex.OpenAsync(new StorageOptions { DataDirectory = _temp.Combine("vectors") }, NullLogger.Instance);
        _stores.Add(catalog);
        _stores.Add(vectors);
        return new CompositeDocumentIndex(catalog.Catalog, vectors.Vectors, catalog.Keywords);
    }

    private async Task CloseStoresAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _stores.Clear();
    }
}

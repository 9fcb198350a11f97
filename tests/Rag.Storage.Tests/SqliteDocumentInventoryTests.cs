using Microsoft.Extensions.Logging.Abstractions;
using Rag.Core.Documents;
using Rag.Testing;
using static Rag.Testing.Contracts.IndexTestData;

namespace Rag.Storage.Tests;

public sealed class SqliteDocumentInventoryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private StorageOptions Options => new() { DataDirectory = _temp.Combine("data") };

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ListDocumentsAsync_TwoSets_ListsTheNamedSetWithChunkCounts()
    {
        await using var index = await SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance);
        await index.EnsureModelAsync(Model);
        await index.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        await index.UpsertDocumentSetAsync(new DocumentSet("set-b", ["group-b", "group-c"]));
        await AddAsync(index, Document("set-a", "b.txt"), ("One.", Axis(0)), ("Two.", Axis(1)));
        await AddAsync(index, Document("set-a", "a.txt"), ("Three.", Axis(2)));
        await AddAsync(index, Document("set-b", "c.txt"), ("Four.", Axis(3)));

        var documents = await index.Inventory.ListDocumentsAsync("SET-A");
        var sets = await index.Inventory.ListDocumentSetsAsync();

        Assert.Equal([("a.txt", 1), ("b.txt", 2)], documents.Select(d => (d.Document.SourcePath, d.Chunks)));
        Assert.Equal(["set-a", "set-b"], sets.Select(s => s.Set.Name));
        Assert.Equal(["group-b", "group-c"], sets[1].Set.Groups);
        Assert.Equal((2, 3), (sets[0].Documents, sets[0].Chunks));
    }

    [Fact]
    public async Task DeleteEmptyDocumentSetAsync_SetStillHoldsDocuments_ThrowsAndKeepsIt()
    {
        await using var index = await SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance);
        await index.EnsureModelAsync(Model);
        await index.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        var document = Document("set-a", "a.txt");
        await AddAsync(index, document, ("One.", Axis(0)));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => index.Inventory.DeleteEmptyDocumentSetAsync("set-a"));

        Assert.Contains("still holds documents", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(await index.GetDocumentSetAsync("set-a"));
        Assert.True(await index.DeleteDocumentAsync(document.DocumentId));
        Assert.True(await index.Inventory.DeleteEmptyDocumentSetAsync("set-a"));
        Assert.Null(await index.GetDocumentSetAsync("set-a"));
        Assert.False(await index.Inventory.DeleteEmptyDocumentSetAsync("set-a"));
    }
}

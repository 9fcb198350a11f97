using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Storage;
using Xunit;
using static Rag.Testing.Contracts.IndexTestData;

namespace Rag.Testing.Contracts;

/// <summary>
/// What every <see cref="IVectorIndex"/> must do, written once: a backend's test class derives from this and says how to
/// create an empty index (bound to no model). Each test builds its own index; nothing depends on another test's data.
/// Set names are given as a catalog hands them over (canonical) and compared ordinally.
/// </summary>
public abstract class VectorIndexContract : IAsyncLifetime
{
    /// <summary>Creates a new, empty vector index for the current test; the subclass disposes it after the test.</summary>
    protected abstract Task<IVectorIndex> CreateIndexAsync();

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Search_AfterUpsert_ReturnsBestFirstWithCosineScores()
    {
        var index = await NewReadyIndexAsync();
        var chunks = Chunks(Document("set-a", "a.txt"), ("Exact.", Axis(0)), ("Close.", Mix(0, 1f, 1, 0.5f)), ("Far.", Mix(0, 0.2f, 1, 1f)), ("Orthogonal.", Axis(2)));
        await index.UpsertAsync("set-a", chunks);

        var hits = await index.SearchAsync(Axis(0), ["set-a"], 3);

        Assert.Equal([chunks[0].Chunk.Id, chunks[1].Chunk.Id, chunks[2].Chunk.Id], hits.Select(h => h.ChunkId));
        Assert.Equal(1.0, hits[0].Score, 3);
        Assert.Equal(1 / Math.Sqrt(1.25), hits[1].Score, 3);
        Assert.True(hits[1].Score > hits[2].Score);
    }

    [Fact]
    public async Task Search_Limit_ReturnsAtMostLimit()
    {
        var index = await NewReadyIndexAsync();
        var random = new Random(7);
        await index.UpsertAsync("set-a", Chunks(Document("set-a", "many.txt"), [.. Enumerable.Range(0, 12).Select(i => ($"Chunk {i}.", Near(Axis(0), 0.3f, random)))]));

        Assert.Equal(5, (await index.SearchAsync(Axis(0), ["set-a"], 5)).Count);
        Assert.Equal(12, (await index.SearchAsync(Axis(0), ["set-a"], 50)).Count);
        Assert.Empty(await index.SearchAsync(Axis(0), ["set-a"], 0));
    }

    [Fact]
    public async Task Search_ReaderOfOneSet_NeverSeesAnotherSetsVectors()
    {
        var index = await NewReadyIndexAsync();
        var a = Chunks(Document("set-a", "a.txt"), ("Public.", Axis(1)));
        var b = Chunks(Document("set-b", "b.txt"), ("Secret, exactly the query.", Axis(0)));
        await index.UpsertAsync("set-a", a);
        await index.UpsertAsync("set-b", b);

        var hits = await index.SearchAsync(Axis(0), ["set-a"], 10);

        Assert.Equal(a[0].Chunk.Id, Assert.Single(hits).ChunkId);
        Assert.Equal(b[0].Chunk.Id, (await index.SearchAsync(Axis(0), ["set-b"], 10))[0].ChunkId);
        Assert.Equal(2, (await index.SearchAsync(Axis(0), ["set-a", "set-b"], 10)).Count);
    }

    [Fact]
    public async Task Search_UnreadableSetHoldsEveryBestMatch_TopKStillFull()
    {
        var index = await NewReadyIndexAsync();
        var random = new Random(13);
        var readable = Chunks(Document("set-a", "weak.txt"), [.. Enumerable.Range(0, 5).Select(i => ($"Weak {i}.", Mix(0, 0.3f, 3 + (i % 4), 1f)))]);
        await index.UpsertAsync("set-b", Chunks(Document("set-b", "strong.txt"), [.. Enumerable.Range(0, 200).Select(i => ($"Strong {i}.", Near(Axis(0), 0.05f, random)))]));
        await index.UpsertAsync("set-a", readable);

        var hits = await index.SearchAsync(Axis(0), ["set-a"], 5);

        Assert.Equal(readable.Select(c => c.Chunk.Id).Order(), hits.Select(h => h.ChunkId).Order());
    }

    [Fact]
    public async Task Search_NoReadableSet_FindsNothing()
    {
        var index = await NewReadyIndexAsync();
        await index.UpsertAsync("set-a", Chunks(Document("set-a", "a.txt"), ("A.", Axis(0))));

        Assert.Empty(await index.SearchAsync(Axis(0), [], 10));
        Assert.Empty(await index.SearchAsync(Axis(0), ["no-such-set"], 10));
    }

    [Fact]
    public async Task Search_SetNameInAnotherCase_IsAnotherSet()
    {
        var index = await NewReadyIndexAsync();
        await index.UpsertAsync("Legal", Chunks(Document("Legal", "l.txt"), ("Legal.", Axis(0))));

        Assert.Empty(await index.SearchAsync(Axis(0), ["legal"], 10));
        Assert.Single(await index.SearchAsync(Axis(0), ["Legal"], 10));
    }

    [Fact]
    public async Task Search_EmptyIndex_FindsNothing()
    {
        var index = await NewReadyIndexAsync();

        Assert.Empty(await index.SearchAsync(Axis(0), ["set-a"], 10));
    }

    [Fact]
    public async Task Upsert_SameChunkIdAgain_OverwritesVectorAndSet()
    {
        var index = await NewReadyIndexAsync();
        var document = Document("set-a", "moved.txt");
        var first = Chunks(document, ("Text.", Axis(0)));
        await index.UpsertAsync("set-a", first);

        await index.UpsertAsync("set-b", [new EmbeddedChunk(first[0].Chunk, Axis(1))]);

        Assert.Empty(await index.SearchAsync(Axis(1), ["set-a"], 10));
        var hit = Assert.Single(await index.SearchAsync(Axis(1), ["set-b"], 10));
        Assert.Equal(first[0].Chunk.Id, hit.ChunkId);
        Assert.Equal(1.0, hit.Score, 3);
    }

    [Fact]
    public async Task DeleteDocument_KeepList_RemovesOnlyTheOthers()
    {
        var index = await NewReadyIndexAsync();
        var document = Document("set-a", "versions.txt");
        var chunks = Chunks(document, ("Old.", Axis(0)), ("Kept.", Axis(1)), ("Old too.", Axis(2)));
        var other = Chunks(Document("set-a", "other.txt"), ("Other document.", Axis(0)));
        await index.UpsertAsync("set-a", chunks);
        await index.UpsertAsync("set-a", other);

        Assert.Equal(2, await index.DeleteDocumentAsync(document.DocumentId, [chunks[1].Chunk.Id]));

        var hits = await index.SearchAsync(Axis(0), ["set-a"], 10);
        Assert.Equal(new[] { chunks[1].Chunk.Id, other[0].Chunk.Id }.Order(), hits.Select(h => h.ChunkId).Order());
        Assert.Equal(1, await index.DeleteDocumentAsync(document.DocumentId, []));
        Assert.Equal(other[0].Chunk.Id, Assert.Single(await index.SearchAsync(Axis(1), ["set-a"], 10)).ChunkId);
    }

    [Fact]
    public async Task DeleteDocument_Missing_ReturnsZero()
    {
        var index = await NewReadyIndexAsync();

        Assert.Equal(0, await index.DeleteDocumentAsync("no-such-document", []));
    }

    [Fact]
    public async Task EnsureModel_OtherModelOrDimension_Throws()
    {
        var index = await NewReadyIndexAsync();

        await index.EnsureModelAsync(Model);
        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => index.EnsureModelAsync(new EmbeddingModelInfo("another-model", Dimensions)));
        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => index.EnsureModelAsync(Model with { Dimensions = Dimensions * 2 }));
    }

    [Fact]
    public async Task Upsert_WrongDimension_ThrowsAndWritesNothing()
    {
        var index = await NewReadyIndexAsync();
        var chunks = Chunks(Document("set-a", "a.txt"), ("Fine.", Axis(0)), ("Too long.", new float[Dimensions + 1]));

        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => index.UpsertAsync("set-a", chunks));

        Assert.Empty(await index.SearchAsync(Axis(0), ["set-a"], 10));
    }

    [Fact]
    public async Task Upsert_NotFiniteComponent_ThrowsArgumentException()
    {
        var index = await NewReadyIndexAsync();
        var vector = Axis(0);
        vector[1] = float.NaN;

        await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync("set-a", Chunks(Document("set-a", "nan.txt"), ("NaN.", vector))));

        Assert.Empty(await index.SearchAsync(Axis(0), ["set-a"], 10));
    }

    [Fact]
    public async Task Upsert_NoModelBound_ThrowsInvalidOperation()
    {
        var index = await CreateIndexAsync();

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => index.UpsertAsync("set-a", Chunks(Document("set-a", "early.txt"), ("Early.", Axis(0)))));
    }

    [Fact]
    public async Task Search_WrongQueryDimension_Throws()
    {
        var index = await NewReadyIndexAsync();

        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => index.SearchAsync(new float[Dimensions + 2], ["set-a"], 10));
    }

    /// <summary>A new index bound to <see cref="IndexTestData.Model"/>.</summary>
    protected async Task<IVectorIndex> NewReadyIndexAsync()
    {
        var index = await CreateIndexAsync();
        await index.EnsureModelAsync(Model);
        return index;
    }
}

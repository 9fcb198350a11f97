using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Rag.Core.Documents;
using Rag.Core.Storage;
using Rag.Testing;
using static Rag.Testing.Contracts.IndexTestData;

namespace Rag.Storage.Tests.Sqlite;

/// <summary>
/// Two stores on one <c>rag.db</c>, as two processes would open it (each its own connections, matrix and poll loop):
/// the reader sees what the writer committed through the change log, without reopening.
/// </summary>
public sealed class IndexChangeWatcherTests : IAsyncLifetime, IDisposable
{
    /// <summary>Long enough that only an explicit poll applies changes in the tests that poll by hand.</summary>
    private static readonly TimeSpan ManualPolling = TimeSpan.FromMinutes(1);

    private readonly TempDirectory _temp = new();
    private readonly List<SqliteDocumentIndex> _opened = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
    }

    /// <summary>Runs after <see cref="DisposeAsync"/> has closed every store.</summary>
    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Poll_DocumentAddedByAnotherStore_IsFoundByDenseSearch()
    {
        var writer = await OpenAsync(ManualPolling);
        await writer.EnsureModelAsync(Model);
        await writer.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        var reader = await OpenAsync(ManualPolling);
        Assert.Empty(await reader.SearchDenseAsync(Axis(0), User("group-a"), 5));

        var chunks = await AddAsync(writer, Document("set-a", "new.txt"), ("Added by the other process.", Axis(0)));
        Assert.True(await reader.PollChangesAsync());

        Assert.Equal(chunks[0].Chunk.Id, Assert.Single(await reader.SearchDenseAsync(Axis(0), User("group-a"), 5)).Chunk.Id);
        Assert.Equal(1, reader.Vectors.Count);
    }

    [Fact]
    public async Task Poll_NoModelBoundWhenReaderOpened_BindsTheWritersModelAndFindsItsChunks()
    {
        var reader = await OpenAsync(ManualPolling);
        var writer = await OpenAsync(ManualPolling);
        await writer.EnsureModelAsync(Model);
        await writer.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        var chunks = await AddAsync(writer, Document("set-a", "first.txt"), ("The first document ever.", Axis(2)));

        await reader.PollChangesAsync();

        Assert.Equal(Model, await reader.GetModelAsync());
        Assert.Equal(chunks[0].Chunk.Id, Assert.Single(await reader.SearchDenseAsync(Axis(2), User("group-a"), 5)).Chunk.Id);
    }

    [Fact]
    public async Task Poll_DocumentDeletedByAnotherStore_DropsItsVectors()
    {
        var writer = await OpenAsync(ManualPolling);
        await writer.EnsureModelAsync(Model);
        await writer.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        var gone = Document("set-a", "gone.txt");
        await AddAsync(writer, gone, ("To be removed.", Axis(0)), ("Also removed.", Axis(1)));
        var kept = await AddAsync(writer, Document("set-a", "kept.txt"), ("Stays.", Mix(0, 0.5f, 3, 1f)));
        var reader = await OpenAsync(ManualPolling);
        Assert.Equal(3, reader.Vectors.Count);

        Assert.True(await writer.DeleteDocumentAsync(gone.DocumentId));
        await reader.PollChangesAsync();

        // Not only hidden by hydration: the rows are gone, so they take no place in the top-k.
        Assert.Equal(1, reader.Vectors.Count);
        Assert.Equal(kept[0].Chunk.Id, Assert.Single(await reader.SearchDenseAsync(Axis(0), User("group-a"), 5)).Chunk.Id);
    }

    [Fact]
    public async Task Poll_DocumentReplacedByAnotherStore_KeepsOnlyTheNewVersion()
    {
        var writer = await OpenAsync(ManualPolling);
        await writer.EnsureModelAsync(Model);
        await writer.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        await AddAsync(writer, Document("set-a", "doc.txt", "v1"), ("Old one.", Axis(0)), ("Old two.", Axis(1)), ("Old three.", Axis(2)));
        var reader = await OpenAsync(ManualPolling);

        var fresh = await AddAsync(writer, Document("set-a", "doc.txt", "v2"), ("New text.", Axis(4)));
        await reader.PollChangesAsync();

        Assert.Equal(1, reader.Vectors.Count);
        Assert.Equal(fresh[0].Chunk.Id, Assert.Single(await reader.SearchDenseAsync(Axis(4), User("group-a"), 5)).Chunk.Id);
    }

    [Fact]
    public async Task Poll_NothingCommittedSinceLastPoll_DoesNotReadTheLog()
    {
        var writer = await OpenAsync(ManualPolling);
        await writer.EnsureModelAsync(Model);
        var reader = await OpenAsync(ManualPolling);
        await reader.PollChangesAsync();

        Assert.False(await reader.PollChangesAsync());
        await writer.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        Assert.True(await reader.PollChangesAsync());
        Assert.False(await reader.PollChangesAsync());
    }

    [Fact]
    public async Task Poll_LogPrunedPastTheReader_ReloadsEveryVector()
    {
        var writer = await OpenAsync(ManualPolling);
        await writer.EnsureModelAsync(Model);
        await writer.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        var reader = await OpenAsync(ManualPolling);
        var first = await AddAsync(writer, Document("set-a", "one.txt"), ("One.", Axis(0)), ("One more.", Axis(1)));
        var second = await AddAsync(writer, Document("set-a", "two.txt"), ("Two.", Axis(5)));

        // What pruning does when a reader stalled: the rows it has not applied are gone, except the last.
        using (var connection = new SqliteConnection($"Data Source={writer.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var prune = connection.CreateCommand();
            prune.CommandText = "DELETE FROM index_changes WHERE seq < (SELECT max(seq) FROM index_changes);";
            Assert.True(prune.ExecuteNonQuery() > 3);
        }

        await reader.PollChangesAsync();

        Assert.Equal(3, reader.Vectors.Count);
        Assert.Equal(first[1].Chunk.Id, (await reader.SearchDenseAsync(Axis(1), User("group-a"), 1))[0].Chunk.Id);
        Assert.Equal(second[0].Chunk.Id, (await reader.SearchDenseAsync(Axis(5), User("group-a"), 1))[0].Chunk.Id);
    }

    [Fact]
    public async Task Open_DefaultInterval_ReaderSeesAddAndRemoveWithinTwoSeconds()
    {
        var writer = await OpenAsync(ManualPolling);
        await writer.EnsureModelAsync(Model);
        await writer.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        var reader = await OpenAsync(new StorageOptions().ChangePollInterval);
        var document = Document("set-a", "live.txt");

        await AddAsync(writer, document, ("Seen without a restart.", Axis(3)));
        var found = await WaitAsync(async () => (await reader.SearchDenseAsync(Axis(3), User("group-a"), 5)).Count == 1);
        await writer.DeleteDocumentAsync(document.DocumentId);
        var lost = await WaitAsync(async () => reader.Vectors.Count == 0 && (await reader.SearchDenseAsync(Axis(3), User("group-a"), 5)).Count == 0);

        Assert.True(found < TimeSpan.FromSeconds(2), $"found after {found}");
        Assert.True(lost < TimeSpan.FromSeconds(2), $"gone after {lost}");
    }

    [Fact]
    public async Task Replace_Committed_LogsDocumentAndVectorsInItsTransaction()
    {
        var writer = await OpenAsync(ManualPolling);
        await writer.EnsureModelAsync(Model);
        await writer.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        var before = Rows(writer.DatabasePath);

        var chunks = await AddAsync(writer, Document("set-a", "logged.txt"), ("One.", Axis(0)), ("Two.", Axis(1)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => AddAsync(writer, Document("no-such-set", "refused.txt"), ("Refused.", Axis(2))));

        var added = Rows(writer.DatabasePath).Skip(before.Count).ToList();
        Assert.Equal(
            [("document", Document("set-a", "logged.txt").DocumentId), ("vector", chunks[0].Chunk.Id.ToString("D")), ("vector", chunks[1].Chunk.Id.ToString("D"))],
            added);
        Assert.Contains(("set", "set-a"), before);
    }

    [Fact]
    public async Task DeleteEmptyDocumentSet_Committed_LogsTheSet()
    {
        var writer = await OpenAsync(ManualPolling);
        await writer.UpsertDocumentSetAsync(new DocumentSet("set-gone", ["group-a"]));
        var before = Rows(writer.DatabasePath).Count;

        Assert.True(await writer.Inventory.DeleteEmptyDocumentSetAsync("set-gone"));

        Assert.Equal([("set", "set-gone")], Rows(writer.DatabasePath).Skip(before).ToList());
    }

    private static List<(string Kind, string Subject)> Rows(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, subject FROM index_changes ORDER BY seq;";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private static async Task<TimeSpan> WaitAsync(Func<Task<bool>> condition)
    {
        var started = Stopwatch.StartNew();
        while (!await condition())
        {
            if (started.Elapsed > TimeSpan.FromSeconds(10))
            {
                return started.Elapsed;
            }

            await Task.Delay(20);
        }

        return started.Elapsed;
    }

    private async Task<SqliteDocumentIndex> OpenAsync(TimeSpan pollInterval)
    {
        var store = await SqliteDocumentIndex.OpenAsync(
            new StorageOptions { DataDirectory = _temp.Combine("data"), ChangePollInterval = pollInterval }, NullLogger.Instance);
        _opened.Add(store);
        return store;
    }
}

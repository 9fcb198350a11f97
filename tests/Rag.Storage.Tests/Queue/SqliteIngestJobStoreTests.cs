using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Rag.Core.Documents;
using Rag.Core.Ingestion;
using Rag.Storage.Queue;
using Rag.Storage.Sqlite;
using Rag.Testing;
using static Rag.Testing.Contracts.IndexTestData;

namespace Rag.Storage.Tests.Queue;

/// <summary>What the SQLite queue adds to the contract: its place in rag.db's schema, and waiting on a busy file.</summary>
public sealed class SqliteIngestJobStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Open_Version4File_AddsTheQueueAndKeepsTheDocuments()
    {
        var options = new StorageOptions { DataDirectory = _temp.Path };
        await using (var index = await SqliteDocumentIndex.OpenAsync(options, NullLogger.Instance))
        {
            await index.EnsureModelAsync(Model);
            await index.UpsertDocumentSetAsync(new DocumentSet("docs", ["staff"]));
            await AddAsync(index, Document("docs", "a.txt"), ("Kept across the migration.", Axis(0)));
        }

        Execute("DROP TABLE ingest_jobs; DROP TABLE ingest_workers; DROP TABLE index_changes; UPDATE meta SET value = '4' WHERE key = 'schema_version';");

        var store = SqliteIngestJobStore.Open(_temp.Path, 3);
        var job = Assert.Single(await store.EnqueueAsync([new IngestJobRequest("docs", "/in/b.txt", "b.txt", null, "tester", "b1")]));
        Assert.Equal(IngestJobState.Queued, job.State);
        Assert.Equal(IndexSchema.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), Execute("SELECT value FROM meta WHERE key = 'schema_version';"));
        await using var reopened = await SqliteDocumentIndex.OpenAsync(options, NullLogger.Instance);
        Assert.Equal(1, (await reopened.GetStatisticsAsync()).Documents);
    }

    [Fact]
    public async Task Claim_WhileAnotherConnectionHoldsTheWriteLock_WaitsForItInsteadOfFailing()
    {
        var store = SqliteIngestJobStore.Open(_temp.Path, 3);
        await store.EnqueueAsync([new IngestJobRequest("docs", "/in/a.txt", "a.txt", null, "tester", "b1")]);
        using var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store.DatabasePath, Pooling = false }.ToString());
        other.Open();
        var holder = other.BeginTransaction(deferred: false);
        var clock = Stopwatch.StartNew();

        var claim = store.ClaimAsync("w1", TimeSpan.FromMinutes(1));
        await Task.Delay(500);
        Assert.False(claim.IsCompleted);
        holder.Commit();

        Assert.Equal("a.txt", (await claim)?.Request.RelativePath);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(500));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private string? Execute(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_temp.Path, SqliteDocumentIndex.FileName), Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

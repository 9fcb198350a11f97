using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Rag.Core.Documents;
using Rag.Core.Storage;
using Rag.Storage.Sqlite;
using Rag.Storage.Tests.Sqlite;
using Rag.Testing;
using Rag.Testing.Contracts;
using static Rag.Testing.Contracts.IndexTestData;

namespace Rag.Storage.Tests;

/// <summary>The contract suite against SQLite, plus what only the embedded store has: the file, WAL, reloading.</summary>
public sealed class SqliteDocumentIndexTests : DocumentIndexContractTests, IDisposable
{
    private readonly TempDirectory _temp = new();

    private static readonly string Latest = IndexSchema.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private StorageOptions Options => new() { DataDirectory = _temp.Combine("data", "nested") };

    private StorageOptions SimpleOptions => new() { DataDirectory = Options.DataDirectory, KeywordAnalyzer = KeywordAnalyzer.Simple };

    private StorageOptions EnglishOptions => new() { DataDirectory = Options.DataDirectory, KeywordAnalyzer = KeywordAnalyzer.English };

    /// <summary>Runs after the base class's DisposeAsync has closed every index the test opened.</summary>
    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Open_NewDirectory_CreatesDatabaseInWalMode()
    {
        await using var index = await SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance);

        Assert.True(File.Exists(Path.Combine(Options.DataDirectory, SqliteDocumentIndex.FileName)));
        Assert.Equal(Path.Combine(Path.GetFullPath(Options.DataDirectory), SqliteDocumentIndex.FileName), index.DatabasePath);
        Assert.Equal("wal", Scalar(index.DatabasePath, "PRAGMA journal_mode;"));
        Assert.Equal(Latest, Scalar(index.DatabasePath, "SELECT value FROM meta WHERE key = 'schema_version';"));
        Assert.Equal("simple", Scalar(index.DatabasePath, "SELECT value FROM meta WHERE key = 'keyword_analyzer';"));
    }

    [Fact]
    public async Task Open_ExistingDatabase_ReloadsEveryVector()
    {
        var random = new Random(3);
        var vectors = Enumerable.Range(0, 300).Select(_ => Near(new float[Dimensions], 1f, random)).ToArray();
        List<EmbeddedChunk> chunks;
        await using (var first = await SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance))
        {
            await first.EnsureModelAsync(Model);
            await first.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
            chunks = await AddAsync(first, Document("set-a", "bulk.txt"), [.. vectors.Select((v, i) => ($"Chunk {i}.", v))]);
            await first.DeleteDocumentAsync(Document("set-a", "absent.txt").DocumentId);
        }

        await using var reopened = await SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance);

        foreach (var i in new[] { 0, 1, 150, 299 })
        {
            var hit = (await reopened.SearchDenseAsync(vectors[i], User("group-a"), 3))[0];
            Assert.Equal(chunks[i].Chunk.Id, hit.Chunk.Id);
            Assert.Equal(1.0, hit.Score, 4);
        }

        Assert.Equal(300, (await reopened.GetStatisticsAsync()).Chunks);
    }

    [Fact]
    public async Task Open_KeywordIndexOfVersion1_RebuiltWithSetTagsAndSearchStaysWithinReadableSets()
    {
        string path;
        await using (var index = await SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance))
        {
            path = index.DatabasePath;
            await index.EnsureModelAsync(Model);
            await index.UpsertDocumentSetAsync(new DocumentSet("open", ["group-a"]));
            await index.UpsertDocumentSetAsync(new DocumentSet("Secret", ["group-b"]));
            await AddAsync(index, Document("open", "open.txt"), ("The pelican protocol is public.", Near(new float[Dimensions], 1f, new Random(1))));
            await AddAsync(index, Document("Secret", "secret.txt"), ("The pelican vault code is 4471.", Near(new float[Dimensions], 1f, new Random(2))));
        }

        // What a version 1 file holds: the keyword index without set tags.
        Execute(path, LegacyLayout.Version3Sql);
        Execute(path, """
            DROP TABLE chunks_fts;
            CREATE VIRTUAL TABLE chunks_fts USING fts5(text, headings, title, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
            INSERT INTO chunks_fts (rowid, text, headings, title) SELECT c.rowid, c.text, '', d.title FROM chunks c JOIN documents d ON d.document_id = c.document_id;
            UPDATE meta SET value = '1' WHERE key = 'schema_version';
            """);

        await using var reopened = await SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance);

        Assert.Equal(IndexSchema.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar(path, "SELECT value FROM meta WHERE key = 'schema_version';"));
        var a = await reopened.SearchKeywordAsync("pelican", User("group-a"), 10);
        var b = await reopened.SearchKeywordAsync("pelican vault", User("group-b"), 10);
        Assert.Equal("open", Assert.Single(a).Chunk.SetName);
        Assert.Equal("Secret", Assert.Single(b).Chunk.SetName);
        Assert.Empty(await reopened.SearchKeywordAsync("vault", User("group-a"), 10));
    }

    [Fact]
    public async Task Open_Version3File_MovesVectorsAndKeywordEntriesIntoTheirOwnTables()
    {
        string path;
        List<EmbeddedChunk> chunks;
        await using (var index = await SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance))
        {
            path = index.DatabasePath;
            await index.EnsureModelAsync(Model);
            await index.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
            await index.UpsertDocumentSetAsync(new DocumentSet("set-b", ["group-b"]));
            chunks = await AddAsync(index, Document("set-a", "a.txt"), ("The osprey nests.", Axis(0)), ("The kestrel hovers.", Axis(1)));
            await AddAsync(index, Document("set-b", "b.txt"), ("The osprey secret.", Axis(0)));
        }

        Execute(path, LegacyLayout.Version3Sql);
        Assert.Equal("0", Scalar(path, "SELECT count(*) FROM sqlite_master WHERE name = 'chunk_vectors';"));

        await using var reopened = await SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance);

        Assert.Equal(Latest, Scalar(path, "SELECT value FROM meta WHERE key = 'schema_version';"));
        Assert.Equal("0", Scalar(path, "SELECT count(*) FROM pragma_table_info('chunks') WHERE name = 'vector';"));
        Assert.Equal("3", Scalar(path, "SELECT count(*) FROM chunk_vectors;"));
        Assert.Equal(chunks[0].Chunk.Id, Assert.Single(await reopened.SearchKeywordAsync("osprey", User("group-a"), 10)).Chunk.Id);
        var dense = await reopened.SearchDenseAsync(Axis(1), User("group-a"), 10);
        Assert.Equal([chunks[1].Chunk.Id, chunks[0].Chunk.Id], dense.Select(h => h.Chunk.Id));
        Assert.Equal(1.0, dense[0].Score, 4);

        // Writes after the migration replace the migrated entries in place.
        await AddAsync(reopened, Document("set-a", "a.txt"), ("The osprey nests.", Axis(0)), ("The kestrel hovers.", Axis(1)));
        Assert.Equal("3", Scalar(path, "SELECT count(*) FROM keyword_chunks;"));
        Assert.Equal(2, (await reopened.SearchDenseAsync(Axis(1), User("group-a"), 10)).Count);
    }

    [Fact]
    public async Task Open_Version4File_RebuildsKeywordIndexWithEnglishAnalyzerAndKeepsVectors()
    {
        string path;
        List<EmbeddedChunk> chunks;
        await using (var index = await SqliteDocumentIndex.OpenAsync(EnglishOptions, NullLogger.Instance))
        {
            path = index.DatabasePath;
            await index.EnsureModelAsync(Model);
            await index.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
            await index.UpsertDocumentSetAsync(new DocumentSet("set-b", ["group-b"]));
            chunks = await AddAsync(index, Document("set-a", "a.txt"), ("The ospreys migrated south.", Axis(0)), ("The kestrel hovers.", Axis(1)));
            await AddAsync(index, Document("set-b", "b.txt"), ("The osprey migration secret.", Axis(0)));
        }

        Execute(path, LegacyLayout.Version4Sql);
        await using (var simple = await SqliteDocumentIndex.OpenAsync(SimpleOptions, NullLogger.Instance))
        {
            // Still the version 4 index: no stemming.
            Assert.Empty(await simple.SearchKeywordAsync("migrating osprey", User("group-a"), 10));
        }

        Assert.Equal("simple", Scalar(path, "SELECT value FROM meta WHERE key = 'keyword_analyzer';"));

        await using var reopened = await SqliteDocumentIndex.OpenAsync(EnglishOptions, NullLogger.Instance);

        Assert.Equal(Latest, Scalar(path, "SELECT value FROM meta WHERE key = 'schema_version';"));
        Assert.Equal("english", Scalar(path, "SELECT value FROM meta WHERE key = 'keyword_analyzer';"));
        Assert.Equal(chunks[0].Chunk.Id, Assert.Single(await reopened.SearchKeywordAsync("migrating osprey", User("group-a"), 10)).Chunk.Id);
        Assert.Equal("set-b", Assert.Single(await reopened.SearchKeywordAsync("migrating osprey", User("group-b"), 10)).Chunk.SetName);
        Assert.Equal("3", Scalar(path, "SELECT count(*) FROM chunk_vectors;"));
        Assert.Equal(1.0, (await reopened.SearchDenseAsync(Axis(1), User("group-a"), 10))[0].Score, 4);
    }

    [Fact]
    public async Task Open_OtherAnalyzerConfigured_RebuildsKeywordIndexBothWays()
    {
        List<EmbeddedChunk> chunks;
        await using (var index = await SqliteDocumentIndex.OpenAsync(EnglishOptions, NullLogger.Instance))
        {
            await index.EnsureModelAsync(Model);
            await index.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
            chunks = await AddAsync(index, Document("set-a", "a.txt"), ("Rivers flooded the valleys.", Axis(0)));
            Assert.Single(await index.SearchKeywordAsync("flooding river", User("group-a"), 10));
        }

        await using (var simple = await SqliteDocumentIndex.OpenAsync(SimpleOptions, NullLogger.Instance))
        {
            Assert.Empty(await simple.SearchKeywordAsync("flooding river", User("group-a"), 10));
            Assert.Single(await simple.SearchKeywordAsync("flooded", User("group-a"), 10));
        }

        await using var english = await SqliteDocumentIndex.OpenAsync(EnglishOptions, NullLogger.Instance);
        Assert.Equal(chunks[0].Chunk.Id, Assert.Single(await english.SearchKeywordAsync("flooding river", User("group-a"), 10)).Chunk.Id);
    }

    [Fact]
    public async Task Open_SchemaFromNewerBuild_Throws()
    {
        await using (var index = await SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance))
        {
            Execute(index.DatabasePath, "UPDATE meta SET value = '999' WHERE key = 'schema_version';");
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance));
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_MissingDataDirectory_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => SqliteDocumentIndex.OpenAsync(new StorageOptions(), NullLogger.Instance));
    }

    [Fact]
    public async Task ReplaceDocument_FailsInTheMiddle_KeepsThePreviousVersion()
    {
        await using var index = await SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance);
        await index.EnsureModelAsync(Model);
        await index.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        var other = await AddAsync(index, Document("set-a", "other.txt"), ("Other document.", Axis(2)));
        var document = Document("set-a", "victim.txt", "v1");
        var v1 = await AddAsync(index, document, ("Version one of the victim.", Axis(0)));
        var v2Document = document with { ContentHash = "v2" };

        // The second chunk reuses another document's chunk id: the UNIQUE constraint fails after the first row was written.
        var v2 = Chunks(v2Document, ("Version two of the victim.", Axis(1)));
        v2.Add(new EmbeddedChunk(other[0].Chunk with { DocumentId = document.DocumentId, Index = 1 }, Axis(3)));
        await Assert.ThrowsAsync<SqliteException>(() => index.ReplaceDocumentAsync(v2Document, v2));

        Assert.Equal("v1", (await index.GetDocumentAsync(document.DocumentId))?.ContentHash);
        Assert.Equal(2, (await index.GetStatisticsAsync()).Chunks);
        Assert.Empty(await index.SearchKeywordAsync("two", User("group-a"), 10));
        var dense = await index.SearchDenseAsync(Axis(0), User("group-a"), 10);
        Assert.Equal([v1[0].Chunk.Id, other[0].Chunk.Id], dense.Select(h => h.Chunk.Id));
    }

    [Fact]
    public async Task Search_ConcurrentWithWrites_NeverFailsAndNeverLeaks()
    {
        await using var index = await SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance);
        await index.EnsureModelAsync(Model);
        await index.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        await index.UpsertDocumentSetAsync(new DocumentSet("set-b", ["group-b"]));
        var random = new Random(11);
        await AddAsync(index, Document("set-a", "base.txt"), [.. Enumerable.Range(0, 50).Select(i => ($"Base {i}.", Near(Axis(0), 0.5f, random)))]);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var writer = Task.Run(async () =>
        {
            var round = 0;
            do
            {
                var document = Document("set-b", "churn.txt", "v" + round);
                await AddAsync(index, document, [.. Enumerable.Range(0, 20).Select(i => ($"Churn {round} {i}.", Axis(0)))]);
                round++;
            }
            while (!stop.IsCancellationRequested);
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var searches = 0;
            do
            {
                var dense = await index.SearchDenseAsync(Axis(0), User("group-a"), 10);
                var keyword = await index.SearchKeywordAsync("churn base", User("group-a"), 10);
                Assert.Equal(10, dense.Count);
                Assert.All(dense.Concat(keyword), h => Assert.Equal("set-a", h.Chunk.SetName));
                searches++;
            }
            while (!stop.IsCancellationRequested);

            return searches;
        })).ToList();

        await writer;
        Assert.All(await Task.WhenAll(readers), n => Assert.True(n > 0));
    }

    protected override async Task<IDocumentIndex> CreateIndexAsync() => await SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance);

    protected override async Task<IDocumentIndex> ReopenIndexAsync() => await SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance);

    private static string? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(string path, string sql) => Scalar(path, sql);
}

using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Rag.Core.Documents;
using Rag.Core.Ids;
using Rag.Core.Storage;
using Rag.Storage.Sqlite;
using Rag.Testing;
using static Rag.Testing.Contracts.IndexTestData;

namespace Rag.Storage.Tests.Sqlite;

/// <summary>
/// A rag.db written by schema version 1 (upper-invariant group keys, set names as typed, document ids from the
/// lower-invariant set name) must keep answering after the upgrade. The file is made the way version 1 wrote it:
/// stored by this build, then its keys, names and ids rewritten by version 1's rules and its version set back to 1.
/// </summary>
public sealed class NameKeyMigrationTests : IDisposable
{
    private static readonly Guid DocumentNamespace = new("3f1c2a5e-8b7d-4c61-9a0e-5d2b6f4e7a10");
    private readonly TempDirectory _temp = new();

    private StorageOptions Options => new() { DataDirectory = _temp.Combine("data") };

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Open_IndexWrittenBySchemaVersion1_StillAnswersEveryGroupAndKeepsIds()
    {
        var path = await WriteVersion1IndexAsync();

        await using var index = await SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance);

        Assert.Equal(IndexSchema.LatestVersion.ToString(CultureInfo.InvariantCulture), Scalar(path, "SELECT value FROM meta WHERE key = 'schema_version';"));
        Assert.Single(await index.SearchKeywordAsync("zephyrgate", User("employees"), 10));
        Assert.Single(await index.SearchKeywordAsync("zephyrgate", User("Employees"), 10));
        Assert.Equal("The VPN gateway is zephyrgate.", (await index.SearchDenseAsync(Axis(0), User("employees"), 1))[0].Chunk.Text);
        Assert.Empty(await index.SearchKeywordAsync("zephyrgate", User("\u0435mployees"), 10)); // Cyrillic е
        Assert.Single(await index.SearchKeywordAsync("cobaltlynx", User("finance"), 10));
        Assert.Equal("Geb\u00FChren", (await index.GetDocumentSetAsync("Geb\u00FChren"))?.Name);

        // The ASCII set's document keeps its id; the others get the id this build computes, with matching chunk ids.
        var handbook = Document("handbook", "it/vpn.md");
        Assert.Equal(handbook, await index.GetDocumentAsync(handbook.DocumentId));
        var doctors = Document("\u00C4rzte", "sub/readme.md");
        Assert.NotNull(await index.GetDocumentAsync(doctors.DocumentId));
        var hit = Assert.Single(await index.SearchKeywordAsync("amberlynx", User("doctors"), 10));
        Assert.Equal(ChunkIds.For(doctors.DocumentId, "v1", 0), hit.Chunk.Id);
        Assert.Equal(doctors.DocumentId, hit.Chunk.DocumentId);

        // Storing the same documents again replaces them in place: no second copy under a new id.
        await AddAsync(index, doctors, ("Doctors read the amberlynx rota.", Axis(1)));
        await AddAsync(index, Document("Geb\u00FChren", "fees.md"), ("Fees are listed in cobaltlynx.", Axis(2)));
        Assert.Equal(new IndexStatistics(3, 3, 3), await index.GetStatisticsAsync());
    }

    private async Task<string> WriteVersion1IndexAsync()
    {
        string path;
        await using (var index = await SqliteDocumentIndex.OpenAsync(Options, NullLogger.Instance))
        {
            path = index.DatabasePath;
            await index.EnsureModelAsync(Model);
            await index.UpsertDocumentSetAsync(new DocumentSet("handbook", ["employees"]));
            await index.UpsertDocumentSetAsync(new DocumentSet("\u00C4rzte", ["doctors"]));
            await index.UpsertDocumentSetAsync(new DocumentSet("Geb\u00FChren", ["finance"]));
            await AddAsync(index, Document("handbook", "it/vpn.md"), ("The VPN gateway is zephyrgate.", Axis(0)));
            await AddAsync(index, Document("\u00C4rzte", "sub/readme.md"), ("Doctors read the amberlynx rota.", Axis(1)));
            await AddAsync(index, Document("Geb\u00FChren", "fees.md"), ("Fees are listed in cobaltlynx.", Axis(2)));
        }

        // Foreign keys off, as for any surgery that renames a key in several tables one statement at a time.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, ForeignKeys = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        LegacyLayout.ToVersion3(connection, transaction);

        // Version 1 kept a set name as typed: this one arrived decomposed (NFD), as macOS file names and some tools give it.
        foreach (var table in new[] { "document_sets SET name", "set_groups SET set_name", "documents SET set_name", "chunks SET set_name" })
        {
            Run(connection, transaction, $"UPDATE {table} = 'Gebu\u0308hren' WHERE {table.Split(' ')[2]} = 'Geb\u00FChren';");
        }

        foreach (var (set, name) in Rows(connection, transaction, "SELECT set_name, group_name FROM set_groups;"))
        {
            Run(connection, transaction, "UPDATE set_groups SET group_key = $key WHERE set_name = $set AND group_name = $name;", ("$key", name.Trim().ToUpperInvariant()), ("$set", set), ("$name", name));
        }

        foreach (var (id, setAndPath) in Rows(connection, transaction, "SELECT document_id, set_name || char(10) || source_path FROM documents;"))
        {
            var oldId = DeterministicGuid.Create(DocumentNamespace, setAndPath.ToLowerInvariant()).ToString("N");
            var hash = Scalar(connection, transaction, "SELECT content_hash FROM documents WHERE document_id = $id;", id);
            Run(connection, transaction, "UPDATE documents SET document_id = $new WHERE document_id = $id;", ("$new", oldId), ("$id", id));
            foreach (var (rowId, index) in Rows(connection, transaction, "SELECT rowid, idx FROM chunks WHERE document_id = $id;", ("$id", id)))
            {
                var chunkId = ChunkIds.For(oldId, hash, int.Parse(index, CultureInfo.InvariantCulture)).ToString("D", CultureInfo.InvariantCulture);
                Run(connection, transaction, "UPDATE chunks SET document_id = $new, chunk_id = $chunk WHERE rowid = $row;", ("$new", oldId), ("$chunk", chunkId), ("$row", rowId));
            }
        }

        Run(connection, transaction, "UPDATE meta SET value = '1' WHERE key = 'schema_version';");
        transaction.Commit();
        Assert.Equal("EMPLOYEES", Scalar(connection, null, "SELECT group_key FROM set_groups WHERE group_name = $id;", "employees"));
        return path;
    }

    private static List<(string, string)> Rows(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read())
        {
            rows.Add((Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!, Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture)!));
        }

        return rows;
    }

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static string Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, string id)
    {
        using var command = Command(connection, transaction, sql, ("$id", id));
        return (string)command.ExecuteScalar()!;
    }

    private static string? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = Command(connection, null, sql);
        return command.ExecuteScalar() as string;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}

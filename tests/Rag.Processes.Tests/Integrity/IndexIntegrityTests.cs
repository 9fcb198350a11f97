using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Rag.Core.Documents;
using Rag.Storage;
using Rag.Testing;
using static Rag.Testing.Contracts.IndexTestData;

namespace Rag.Processes.Tests.Integrity;

/// <summary>The checker the kill test relies on: clean on a store's own writes, and each kind of damage is named.</summary>
public sealed class IndexIntegrityTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Check_StoreWrites_IsCleanAndCountsChunksPerDocument()
    {
        var path = await WriteTwoDocumentsAsync();

        var report = IndexIntegrity.Check(path);

        Assert.True(report.IsClean, report.ToString());
        Assert.Equal(new Dictionary<string, int> { ["a.txt"] = 2, ["b.txt"] = 1 }, report.ChunksPerDocument);
    }

    [Theory]
    [InlineData("DELETE FROM documents WHERE source_path = 'a.txt';", nameof(IndexIntegrityReport.ChunksWithoutDocument))]
    [InlineData("DELETE FROM chunks WHERE document_id = (SELECT document_id FROM documents WHERE source_path = 'b.txt');", nameof(IndexIntegrityReport.DocumentsWithoutChunks))]
    [InlineData("INSERT INTO chunk_vectors SELECT '00000000-0000-0000-0000-000000000001', document_id, set_name, vector FROM chunk_vectors LIMIT 1;", nameof(IndexIntegrityReport.VectorsWithoutChunk))]
    [InlineData("DELETE FROM chunk_vectors WHERE chunk_id = (SELECT min(chunk_id) FROM chunk_vectors);", nameof(IndexIntegrityReport.ChunksWithoutVector))]
    [InlineData("INSERT INTO keyword_chunks (chunk_id, document_id) VALUES ('00000000-0000-0000-0000-000000000002', 'x');", nameof(IndexIntegrityReport.KeywordEntriesWithoutChunk))]
    [InlineData("DELETE FROM chunks_fts WHERE rowid = (SELECT min(rowid) FROM keyword_chunks);", nameof(IndexIntegrityReport.ChunksWithoutKeywordEntry))]
    [InlineData("INSERT INTO chunks_fts (rowid, text, headings, title, set_tag) VALUES (999999, 'stray', '', '', 'x');", nameof(IndexIntegrityReport.FtsRowsWithoutKeywordEntry))]
    [InlineData("INSERT INTO chunks (chunk_id, document_id, set_name, idx, text, heading_path, first_page, last_page, start_offset, end_offset) SELECT '00000000-0000-0000-0000-000000000003', document_id, set_name, idx, text, heading_path, first_page, last_page, start_offset, end_offset FROM chunks LIMIT 1;", nameof(IndexIntegrityReport.DuplicateChunks))]
    public async Task Check_Damaged_NamesTheDamage(string damage, string expected)
    {
        var path = await WriteTwoDocumentsAsync();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False;Foreign Keys=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = damage;
            Assert.True(command.ExecuteNonQuery() > 0);
        }

        var report = IndexIntegrity.Check(path);

        Assert.False(report.IsClean);
        Assert.Contains(expected + ":", report.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private async Task<string> WriteTwoDocumentsAsync()
    {
        await using var store = await SqliteDocumentIndex.OpenAsync(new StorageOptions { DataDirectory = _temp.Combine("data") }, NullLogger.Instance);
        await store.EnsureModelAsync(Model);
        await store.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        await AddAsync(store, Document("set-a", "a.txt"), ("Alpha one.", Axis(0)), ("Alpha two.", Axis(1)));
        await AddAsync(store, Document("set-a", "b.txt"), ("Beta.", Axis(2)));
        await AddAsync(store, Document("set-a", "c.txt"), ("Gamma.", Axis(3)));
        Assert.True(await store.DeleteDocumentAsync(Document("set-a", "c.txt").DocumentId));
        return store.DatabasePath;
    }
}

using System.Globalization;
using Microsoft.Data.Sqlite;
using Rag.Core.Documents;
using Rag.Core.Storage;
using Rag.Storage.Sqlite;

namespace Rag.Storage;

/// <summary>
/// The embedded <see cref="IKeywordIndex"/>: an FTS5 table in <c>rag.db</c> (<c>chunks_fts</c>, contentless, BM25) whose
/// rowids are <c>keyword_chunks</c> rows naming the chunk id. Every row carries its set's tag (<see cref="SetTags"/>)
/// and a search ANDs the readable sets' tags into the MATCH (<see cref="FtsQuery.Restrict"/>), so FTS5 walks only
/// readable postings and LIMIT counts only readable chunks. Called inside the SQLite catalog's transaction it joins it.
/// </summary>
public sealed class SqliteKeywordIndex : IKeywordIndex
{
    private readonly SqliteStore _store;
    private readonly IReadOnlySet<string>? _stopWords;
    private readonly string _searchSql;

    internal SqliteKeywordIndex(SqliteStore store, KeywordAnalyzer analyzer, double headingsWeight = StorageOptions.DefaultKeywordHeadingsWeight, double titleWeight = StorageOptions.DefaultKeywordTitleWeight)
    {
        _store = store;
        Analyzer = analyzer;
        _stopWords = analyzer == KeywordAnalyzer.English ? EnglishStopWords.Words : null;

        // BM25 column weights (text, headings, title, set_tag): the chunk's own words count 1; headings and title are
        // Rag:Storage:KeywordHeadingsWeight / KeywordTitleWeight (a title word is shared by every chunk of the document,
        // so by default it breaks ties rather than decides the ranking); the set tag is the access filter and never scores.
        var bm25 = string.Create(CultureInfo.InvariantCulture, $"bm25(chunks_fts, 1.0, {headingsWeight:R}, {titleWeight:R}, 0.0)");
        _searchSql =
            "SELECT k.chunk_id, -" + bm25 + " AS score" +
            " FROM chunks_fts JOIN keyword_chunks k ON k.rowid = chunks_fts.rowid" +
            " WHERE chunks_fts MATCH $match" +
            " ORDER BY score DESC, k.rowid LIMIT $limit;";
    }

    /// <summary>The analyzer the index was opened with (<see cref="StorageOptions.KeywordAnalyzer"/>).</summary>
    public KeywordAnalyzer Analyzer { get; }

    /// <inheritdoc />
    public Task ReplaceDocumentAsync(SourceDocument document, string canonicalSetName, IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrWhiteSpace(canonicalSetName);
        ArgumentNullException.ThrowIfNull(chunks);
        _store.ThrowIfDisposed();
        return _store.WriteAsync(
            async (transaction, ct) =>
            {
                var connection = transaction.Connection!;
                var existing = await ExistingAsync(transaction, document.DocumentId, ct);
                await using var insert = connection.Command("INSERT INTO keyword_chunks (chunk_id, document_id) VALUES ($chunk_id, $document_id) RETURNING rowid;", transaction);
                await using var ftsDelete = connection.Command("DELETE FROM chunks_fts WHERE rowid = $rowid;", transaction);
                await using var ftsInsert = connection.Command(
                    "INSERT INTO chunks_fts (rowid, text, headings, title, set_tag) VALUES ($rowid, $text, $headings, $title, $set_tag);", transaction);
                var tag = SetTags.Of(canonicalSetName);
                foreach (var chunk in chunks)
                {
                    var chunkId = chunk.Id.ToString("D", CultureInfo.InvariantCulture);
                    if (existing.Remove(chunkId, out var rowId))
                    {
                        DocumentWrites.Set(ftsDelete, "$rowid", rowId);
                        await ftsDelete.ExecuteNonQueryAsync(ct);
                    }
                    else
                    {
                        DocumentWrites.Set(insert, "$chunk_id", chunkId);
                        DocumentWrites.Set(insert, "$document_id", document.DocumentId);
                        rowId = (long)(await insert.ExecuteScalarAsync(ct))!;
                    }

                    DocumentWrites.Set(ftsInsert, "$rowid", rowId);
                    DocumentWrites.Set(ftsInsert, "$text", chunk.Text);
                    DocumentWrites.Set(ftsInsert, "$headings", string.Join('\n', chunk.HeadingPath));
                    DocumentWrites.Set(ftsInsert, "$title", document.Title);
                    DocumentWrites.Set(ftsInsert, "$set_tag", tag);
                    await ftsInsert.ExecuteNonQueryAsync(ct);
                }

                return await DeleteRowsAsync(transaction, existing.Values, ct);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        _store.ThrowIfDisposed();
        return _store.WriteAsync(
            async (transaction, ct) => await DeleteRowsAsync(transaction, (await ExistingAsync(transaction, documentId, ct)).Values, ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(string query, IReadOnlyCollection<string> readableSets, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(readableSets);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        _store.ThrowIfDisposed();
        if (readableSets.Count == 0 || limit == 0 || FtsQuery.Build(query, _stopWords) is not { } match)
        {
            return [];
        }

        await using var connection = await _store.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(_searchSql);
        command.Parameters.AddWithValue("$match", FtsQuery.Restrict(match, readableSets));
        command.Parameters.AddWithValue("$limit", limit);
        var hits = new List<ScoredChunk>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new ScoredChunk(Guid.Parse(reader.GetString(0)), reader.GetDouble(1)));
        }

        return hits;
    }

    private static async Task<Dictionary<string, long>> ExistingAsync(SqliteTransaction transaction, string documentId, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.Command("SELECT chunk_id, rowid FROM keyword_chunks WHERE document_id = $id;", transaction);
        command.Parameters.AddWithValue("$id", documentId);
        var existing = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            existing.Add(reader.GetString(0), reader.GetInt64(1));
        }

        return existing;
    }

    private static async Task<int> DeleteRowsAsync(SqliteTransaction transaction, Dictionary<string, long>.ValueCollection rowIds, CancellationToken cancellationToken)
    {
        await using var rows = transaction.Connection!.Command("DELETE FROM keyword_chunks WHERE rowid = $rowid;", transaction);
        await using var fts = transaction.Connection!.Command("DELETE FROM chunks_fts WHERE rowid = $rowid;", transaction);
        foreach (var rowId in rowIds)
        {
            DocumentWrites.Set(rows, "$rowid", rowId);
            await rows.ExecuteNonQueryAsync(cancellationToken);
            DocumentWrites.Set(fts, "$rowid", rowId);
            await fts.ExecuteNonQueryAsync(cancellationToken);
        }

        return rowIds.Count;
    }
}

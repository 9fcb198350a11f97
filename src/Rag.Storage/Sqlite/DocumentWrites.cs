using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Ids;
using Rag.Core.Text;
using Rag.Storage.Vectors;

namespace Rag.Storage.Sqlite;

/// <summary>The write side of documents and chunks, inside a transaction the caller owns and commits.</summary>
internal static class DocumentWrites
{
    private const string ChunkValues =
        "document_id = $document_id, set_name = $set_name, idx = $idx, text = $text, heading_path = $heading_path, " +
        "first_page = $first_page, last_page = $last_page, start_offset = $start_offset, end_offset = $end_offset, vector = $vector";

    /// <summary>
    /// Writes <paramref name="chunks"/> (vectors already unit length), then deletes the document's other chunks,
    /// then upserts the document row. A chunk id already stored for this document is updated in place (same rowid).
    /// </summary>
    /// <returns>The rowids of the deleted chunks, and the rowid written for each chunk, in input order.</returns>
    public static async Task<(List<long> Removed, long[] Written)> ReplaceAsync(
        SqliteTransaction transaction,
        string setName,
        SourceDocument document,
        IReadOnlyList<EmbeddedChunk> chunks,
        IReadOnlyList<float[]> unitVectors,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await ThrowIfHeldByAnotherAsync(transaction, setName, document, cancellationToken);
        var existing = await ExistingChunksAsync(transaction, document.DocumentId, cancellationToken);

        await using var insert = connection.Command(
            "INSERT INTO chunks (chunk_id, document_id, set_name, idx, text, heading_path, first_page, last_page, start_offset, end_offset, vector) " +
            "VALUES ($chunk_id, $document_id, $set_name, $idx, $text, $heading_path, $first_page, $last_page, $start_offset, $end_offset, $vector) RETURNING rowid;",
            transaction);
        await using var update = connection.Command("UPDATE chunks SET " + ChunkValues + " WHERE rowid = $rowid;", transaction);
        await using var ftsDelete = connection.Command("DELETE FROM chunks_fts WHERE rowid = $rowid;", transaction);
        await using var ftsInsert = connection.Command(
            "INSERT INTO chunks_fts (rowid, text, headings, title, set_tag) VALUES ($rowid, $text, $headings, $title, $set_tag);", transaction);

        var written = new long[chunks.Count];
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i].Chunk;
            var chunkId = chunk.Id.ToString("D", CultureInfo.InvariantCulture);
            long rowId;
            if (existing.Remove(chunkId, out rowId))
            {
                SetChunkValues(update, chunk, document.DocumentId, setName, unitVectors[i]);
                Set(update, "$rowid", rowId);
                await update.ExecuteNonQueryAsync(cancellationToken);
                Set(ftsDelete, "$rowid", rowId);
                await ftsDelete.ExecuteNonQueryAsync(cancellationToken);
            }
            else
            {
                SetChunkValues(insert, chunk, document.DocumentId, setName, unitVectors[i]);
                Set(insert, "$chunk_id", chunkId);
                rowId = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            }

            Set(ftsInsert, "$rowid", rowId);
            Set(ftsInsert, "$text", chunk.Text);
            Set(ftsInsert, "$headings", string.Join('\n', chunk.HeadingPath));
            Set(ftsInsert, "$title", document.Title);
            Set(ftsInsert, "$set_tag", SetTags.Of(setName));
            await ftsInsert.ExecuteNonQueryAsync(cancellationToken);
            written[i] = rowId;
        }

        var removed = existing.Values.ToList();
        await DeleteChunksAsync(transaction, removed, cancellationToken);
        await UpsertDocumentAsync(transaction, setName, document, now, cancellationToken);
        return (removed, written);
    }

    /// <summary>Deletes a document and its chunks; null when the document is not stored, else the deleted chunk rowids.</summary>
    public static async Task<List<long>?> DeleteAsync(SqliteTransaction transaction, string documentId, CancellationToken cancellationToken)
    {
        var chunks = await ExistingChunksAsync(transaction, documentId, cancellationToken);
        var removed = chunks.Values.ToList();
        await DeleteChunksAsync(transaction, removed, cancellationToken);
        await using var command = transaction.Connection!.Command("DELETE FROM documents WHERE document_id = $id;", transaction);
        command.Parameters.AddWithValue("$id", documentId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 0 ? null : removed;
    }

    /// <summary>
    /// Refuses to let a document overwrite another that has its id: ids derive from set key and path, so the same id
    /// with another set or path is a collision (or an id made by other rules), never a new version.
    /// </summary>
    private static async Task ThrowIfHeldByAnotherAsync(SqliteTransaction transaction, string setName, SourceDocument document, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.Command("SELECT set_name, source_path FROM documents WHERE document_id = $id;", transaction);
        command.Parameters.AddWithValue("$id", document.DocumentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return;
        }

        var (heldSet, heldPath) = (reader.GetString(0), reader.GetString(1));
        if (!string.Equals(heldSet, setName, StringComparison.Ordinal)
            || !string.Equals(DocumentIds.NormalizePath(heldPath), DocumentIds.NormalizePath(document.SourcePath), StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Document id {document.DocumentId} already belongs to '{TerminalText.Escape(heldPath)}' in set '{NameKey.Escape(heldSet)}'; " +
                $"refusing to overwrite it with '{TerminalText.Escape(document.SourcePath)}' in set '{NameKey.Escape(setName)}'. Two documents may not share an id.");
        }
    }

    private static async Task<Dictionary<string, long>> ExistingChunksAsync(SqliteTransaction transaction, string documentId, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.Command("SELECT chunk_id, rowid FROM chunks WHERE document_id = $id;", transaction);
        command.Parameters.AddWithValue("$id", documentId);
        var existing = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            existing.Add(reader.GetString(0), reader.GetInt64(1));
        }

        return existing;
    }

    private static async Task DeleteChunksAsync(SqliteTransaction transaction, List<long> rowIds, CancellationToken cancellationToken)
    {
        if (rowIds.Count == 0)
        {
            return;
        }

        await using var chunks = transaction.Connection!.Command("DELETE FROM chunks WHERE rowid = $rowid;", transaction);
        await using var fts = transaction.Connection!.Command("DELETE FROM chunks_fts WHERE rowid = $rowid;", transaction);
        foreach (var rowId in rowIds)
        {
            Set(chunks, "$rowid", rowId);
            await chunks.ExecuteNonQueryAsync(cancellationToken);
            Set(fts, "$rowid", rowId);
            await fts.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task UpsertDocumentAsync(SqliteTransaction transaction, string setName, SourceDocument document, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.Command(
            "INSERT INTO documents (document_id, set_name, title, source_path, content_hash, media_type, page_count, indexed_utc) " +
            "VALUES ($id, $set_name, $title, $source_path, $content_hash, $media_type, $page_count, $indexed_utc) " +
            "ON CONFLICT (document_id) DO UPDATE SET set_name = excluded.set_name, title = excluded.title, source_path = excluded.source_path, " +
            "content_hash = excluded.content_hash, media_type = excluded.media_type, page_count = excluded.page_count, indexed_utc = excluded.indexed_utc;",
            transaction);
        command.Parameters.AddWithValue("$id", document.DocumentId);
        command.Parameters.AddWithValue("$set_name", setName);
        command.Parameters.AddWithValue("$title", document.Title);
        command.Parameters.AddWithValue("$source_path", document.SourcePath);
        command.Parameters.AddWithValue("$content_hash", document.ContentHash);
        command.Parameters.AddWithValue("$media_type", document.MediaType);
        command.Parameters.AddWithValue("$page_count", document.PageCount);
        command.Parameters.AddWithValue("$indexed_utc", now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void SetChunkValues(SqliteCommand command, Chunk chunk, string documentId, string setName, float[] unitVector)
    {
        Set(command, "$document_id", documentId);
        Set(command, "$set_name", setName);
        Set(command, "$idx", chunk.Index);
        Set(command, "$text", chunk.Text);
        Set(command, "$heading_path", JsonSerializer.Serialize(chunk.HeadingPath));
        Set(command, "$first_page", chunk.FirstPage);
        Set(command, "$last_page", chunk.LastPage);
        Set(command, "$start_offset", chunk.StartOffset);
        Set(command, "$end_offset", chunk.EndOffset);
        Set(command, "$vector", VectorMath.ToBlob(unitVector));
    }

    /// <summary>Sets a parameter, adding it on first use so one prepared command serves every row.</summary>
    private static void Set(SqliteCommand command, string name, object value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value;
        }
        else
        {
            command.Parameters.AddWithValue(name, value);
        }
    }
}

using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Ids;
using Rag.Core.Text;

namespace Rag.Storage.Sqlite;

/// <summary>The write side of documents and chunks, inside a transaction the caller owns and commits.</summary>
internal static class DocumentWrites
{
    private const string ChunkValues =
        "document_id = $document_id, set_name = $set_name, idx = $idx, text = $text, heading_path = $heading_path, " +
        "first_page = $first_page, last_page = $last_page, start_offset = $start_offset, end_offset = $end_offset";

    /// <summary>
    /// Writes <paramref name="chunks"/>, then deletes the document's other chunks, then upserts the document row.
    /// A chunk id already stored for this document is updated in place.
    /// </summary>
    /// <returns>The ids of the deleted chunks.</returns>
    public static async Task<List<Guid>> ReplaceAsync(
        SqliteTransaction transaction,
        string setName,
        SourceDocument document,
        IReadOnlyList<Chunk> chunks,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await ThrowIfHeldByAnotherAsync(transaction, setName, document, cancellationToken);
        var existing = await ExistingChunksAsync(transaction, document.DocumentId, cancellationToken);

        await using var insert = connection.Command(
            "INSERT INTO chunks (chunk_id, document_id, set_name, idx, text, heading_path, first_page, last_page, start_offset, end_offset) " +
            "VALUES ($chunk_id, $document_id, $set_name, $idx, $text, $heading_path, $first_page, $last_page, $start_offset, $end_offset);",
            transaction);
        await using var update = connection.Command("UPDATE chunks SET " + ChunkValues + " WHERE rowid = $rowid;", transaction);
        foreach (var chunk in chunks)
        {
            var chunkId = chunk.Id.ToString("D", CultureInfo.InvariantCulture);
            if (existing.Remove(chunkId, out var rowId))
            {
                SetChunkValues(update, chunk, document.DocumentId, setName);
                Set(update, "$rowid", rowId);
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            else
            {
                SetChunkValues(insert, chunk, document.DocumentId, setName);
                Set(insert, "$chunk_id", chunkId);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await DeleteChunksAsync(transaction, existing.Values, cancellationToken);
        await UpsertDocumentAsync(transaction, setName, document, now, cancellationToken);
        return existing.Keys.Select(Guid.Parse).ToList();
    }

    /// <summary>Deletes a document and its chunks; null when the document is not stored, else the deleted chunks' count.</summary>
    public static async Task<int?> DeleteAsync(SqliteTransaction transaction, string documentId, CancellationToken cancellationToken)
    {
        var chunks = await ExistingChunksAsync(transaction, documentId, cancellationToken);
        await DeleteChunksAsync(transaction, chunks.Values, cancellationToken);
        await using var command = transaction.Connection!.Command("DELETE FROM documents WHERE document_id = $id;", transaction);
        command.Parameters.AddWithValue("$id", documentId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 0 ? null : chunks.Count;
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

    private static async Task DeleteChunksAsync(SqliteTransaction transaction, IEnumerable<long> rowIds, CancellationToken cancellationToken)
    {
        await using var chunks = transaction.Connection!.Command("DELETE FROM chunks WHERE rowid = $rowid;", transaction);
        foreach (var rowId in rowIds)
        {
            Set(chunks, "$rowid", rowId);
            await chunks.ExecuteNonQueryAsync(cancellationToken);
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

    private static void SetChunkValues(SqliteCommand command, Chunk chunk, string documentId, string setName)
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
    }

    /// <summary>Sets a parameter, adding it on first use so one prepared command serves every row.</summary>
    internal static void Set(SqliteCommand command, string name, object value)
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

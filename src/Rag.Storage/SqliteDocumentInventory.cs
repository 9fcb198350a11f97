using System.Globalization;
using Microsoft.Data.Sqlite;
using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Storage;
using Rag.Storage.Sqlite;

namespace Rag.Storage;

/// <summary>The embedded <see cref="IDocumentInventory"/>: reads of <c>rag.db</c>'s sets and documents.</summary>
public sealed class SqliteDocumentInventory : IDocumentInventory
{
    private readonly SqliteStore _store;

    internal SqliteDocumentInventory(SqliteStore store) => _store = store;

    /// <inheritdoc />
    public async Task<IReadOnlyList<DocumentSetEntry>> ListDocumentSetsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _store.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(
            """
            SELECT s.name,
                   (SELECT ifnull(group_concat(group_name, char(10)), '') FROM (SELECT group_name FROM set_groups g WHERE g.set_name = s.name ORDER BY group_name)),
                   (SELECT count(*) FROM documents d WHERE d.set_name = s.name),
                   (SELECT count(*) FROM chunks c WHERE c.set_name = s.name)
            FROM document_sets s ORDER BY s.name;
            """);
        var sets = new List<DocumentSetEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var groups = reader.GetString(1).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            sets.Add(new DocumentSetEntry(new DocumentSet(reader.GetString(0), groups), reader.GetInt32(2), reader.GetInt32(3)));
        }

        return sets;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DocumentEntry>> ListDocumentsAsync(string? setName = null, CancellationToken cancellationToken = default)
    {
        string? normalized = null;
        if (setName is not null && !NameKey.TryNormalize(setName, out normalized, out _))
        {
            return [];
        }

        await using var connection = await _store.OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(
            """
            SELECT d.document_id, d.set_name, d.title, d.source_path, d.content_hash, d.media_type, d.page_count, d.indexed_utc,
                   (SELECT count(*) FROM chunks c WHERE c.document_id = d.document_id)
            FROM documents d WHERE $set IS NULL OR d.set_name = $set ORDER BY d.set_name, d.source_path;
            """);
        command.Parameters.AddWithValue("$set", (object?)normalized ?? DBNull.Value);
        var documents = new List<DocumentEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var document = new SourceDocument(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6));
            var indexedAt = DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            documents.Add(new DocumentEntry(document, reader.GetInt32(8), indexedAt));
        }

        return documents;
    }

    /// <inheritdoc />
    public Task<bool> DeleteEmptyDocumentSetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!NameKey.TryNormalize(name, out var normalized, out _))
        {
            return Task.FromResult(false);
        }

        return _store.WriteAsync((transaction, ct) => DeleteAsync(transaction, normalized, ct), cancellationToken);
    }

    private static async Task<bool> DeleteAsync(SqliteTransaction transaction, string name, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await using (var count = connection.Command("SELECT count(*) FROM documents WHERE set_name = $name;", transaction))
        {
            count.Parameters.AddWithValue("$name", name);
            if (Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
            {
                throw new InvalidOperationException($"Document set '{name}' still holds documents; remove them first.");
            }
        }

        await using (var groups = connection.Command("DELETE FROM set_groups WHERE set_name = $name;", transaction))
        {
            groups.Parameters.AddWithValue("$name", name);
            await groups.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var set = connection.Command("DELETE FROM document_sets WHERE name = $name;", transaction);
        set.Parameters.AddWithValue("$name", name);
        if (await set.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await IndexChanges.AppendAsync(transaction, IndexChanges.Set, name, cancellationToken);
        return true;
    }
}

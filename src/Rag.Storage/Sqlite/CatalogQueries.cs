using System.Globalization;
using Microsoft.Data.Sqlite;
using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Storage;

namespace Rag.Storage.Sqlite;

/// <summary>Document sets and documents: reads, statistics, and replacing a set's readers.</summary>
internal static class CatalogQueries
{
    /// <summary>Creates set <paramref name="name"/> if needed, replaces its groups, and returns its canonical name.</summary>
    public static async Task<string> UpsertSetAsync(SqliteTransaction transaction, string name, IReadOnlyList<string> groups, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await using (var insert = connection.Command("INSERT INTO document_sets (name, created_utc) VALUES ($name, $now) ON CONFLICT (name) DO NOTHING;", transaction))
        {
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$now", now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var canonical = await IndexMeta.CanonicalSetNameAsync(transaction, name, cancellationToken) ?? name;
        await using (var clear = connection.Command("DELETE FROM set_groups WHERE set_name = $name;", transaction))
        {
            clear.Parameters.AddWithValue("$name", canonical);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var add = connection.Command("INSERT INTO set_groups (set_name, group_key, group_name) VALUES ($name, $key, $group);", transaction);
        add.Parameters.AddWithValue("$name", canonical);
        var key = add.Parameters.AddWithValue("$key", string.Empty);
        var group = add.Parameters.AddWithValue("$group", string.Empty);
        foreach (var g in groups)
        {
            key.Value = AccessKeys.GroupKey(g);
            group.Value = g;
            await add.ExecuteNonQueryAsync(cancellationToken);
        }

        return canonical;
    }

    /// <summary>The set named <paramref name="name"/> (by the <see cref="NameKey"/> rule) with its groups, or null.</summary>
    public static async Task<DocumentSet?> GetSetAsync(SqliteConnection connection, string name, CancellationToken cancellationToken)
    {
        if (!NameKey.TryNormalize(name, out var normalized, out _))
        {
            return null;
        }

        await using var command = connection.Command(
            "SELECT s.name, g.group_name FROM document_sets s LEFT JOIN set_groups g ON g.set_name = s.name WHERE s.name = $name ORDER BY g.group_name;");
        command.Parameters.AddWithValue("$name", normalized);
        string? canonical = null;
        var groups = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            canonical = reader.GetString(0);
            if (!reader.IsDBNull(1))
            {
                groups.Add(reader.GetString(1));
            }
        }

        return canonical is null ? null : new DocumentSet(canonical, groups);
    }

    /// <summary>The stored document <paramref name="documentId"/>, or null.</summary>
    public static async Task<SourceDocument?> GetDocumentAsync(SqliteConnection connection, string documentId, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "SELECT document_id, set_name, title, source_path, content_hash, media_type, page_count FROM documents WHERE document_id = $id;");
        command.Parameters.AddWithValue("$id", documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new SourceDocument(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6))
            : null;
    }

    /// <summary>Counts of sets, documents and chunks.</summary>
    public static async Task<IndexStatistics> GetStatisticsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "SELECT (SELECT count(*) FROM document_sets), (SELECT count(*) FROM documents), (SELECT count(*) FROM chunks);");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new IndexStatistics(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }
}

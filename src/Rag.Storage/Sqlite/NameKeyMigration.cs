using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Rag.Core.Access;
using Rag.Core.Ids;
using Rag.Core.Text;
using Rag.Storage.Logging;

namespace Rag.Storage.Sqlite;

/// <summary>
/// Schema version 2: the stored names and keys of version 1 brought to the <see cref="NameKey"/> rule.
/// Version 1 matched groups by an upper-invariant key (so <c>ſales</c> read <c>sales</c>), kept set names as typed
/// (so an NFD and an NFC spelling were two sets) and derived document ids from the lower-invariant set name (so
/// <c>Ärzte</c> and <c>ärzte</c> shared ids). This runs inside the migration's transaction, in three steps:
/// set names to NFC, group keys recomputed, document and chunk ids recomputed. ASCII names are unchanged by all three.
/// </summary>
internal static class NameKeyMigration
{
    /// <summary>Group keys start with this when the stored group name breaks the rule: no caller's key can equal them.</summary>
    private const string UnmatchableKeyPrefix = "\u0001";

    public static void Run(SqliteConnection connection, SqliteTransaction transaction, ILogger logger)
    {
        var sets = NormalizeSetNames(connection, transaction, logger);
        var groups = RekeyGroups(connection, transaction, logger);
        var documents = RekeyDocuments(connection, transaction, logger);
        logger.NamesRekeyed(connection.DataSource, sets, groups, documents);
    }

    private static int NormalizeSetNames(SqliteConnection connection, SqliteTransaction transaction, ILogger logger)
    {
        var renamed = 0;
        foreach (var name in ReadColumn(connection, transaction, "SELECT name FROM document_sets;"))
        {
            if (!NameKey.TryNormalize(name, out var normalized, out _) || string.Equals(normalized, name, StringComparison.Ordinal))
            {
                continue;
            }

            using (var taken = connection.Command("SELECT count(*) FROM document_sets WHERE name = $name;", transaction))
            {
                taken.Parameters.AddWithValue("$name", normalized);
                if (Convert.ToInt64(taken.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
                {
                    logger.SetNameKept(NameKey.Escape(name), normalized);
                    continue;
                }
            }

            // Parent first, then the rows that reference it, then the old parent: foreign keys hold at every step.
            using var rename = connection.Command(
                """
                INSERT INTO document_sets (name, created_utc) SELECT $new, created_utc FROM document_sets WHERE name = $old;
                UPDATE set_groups SET set_name = $new WHERE set_name = $old;
                UPDATE documents SET set_name = $new WHERE set_name = $old;
                UPDATE chunks SET set_name = $new WHERE set_name = $old;
                DELETE FROM document_sets WHERE name = $old;
                """,
                transaction);
            rename.Parameters.AddWithValue("$new", normalized);
            rename.Parameters.AddWithValue("$old", name);
            rename.ExecuteNonQuery();
            renamed++;
        }

        return renamed;
    }

    private static int RekeyGroups(SqliteConnection connection, SqliteTransaction transaction, ILogger logger)
    {
        var rows = new List<(string Set, string Key, string Name)>();
        using (var select = connection.Command("SELECT set_name, group_key, group_name FROM set_groups;", transaction))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        connection.Execute("DELETE FROM set_groups;", transaction);
        using var insert = connection.Command("INSERT OR IGNORE INTO set_groups (set_name, group_key, group_name) VALUES ($set, $key, $name);", transaction);
        var set = insert.Parameters.AddWithValue("$set", string.Empty);
        var key = insert.Parameters.AddWithValue("$key", string.Empty);
        var name = insert.Parameters.AddWithValue("$name", string.Empty);
        var changed = 0;
        foreach (var row in rows)
        {
            string newKey, newName;
            if (NameKey.TryNormalize(row.Name, out var normalized, out _))
            {
                (newKey, newName) = (NameKey.For(normalized, "group"), normalized);
            }
            else
            {
                logger.GroupNameInvalid(NameKey.Escape(row.Name), NameKey.Escape(row.Set));
                (newKey, newName) = (UnmatchableKeyPrefix + row.Name, row.Name);
            }

            changed += string.Equals(newKey, row.Key, StringComparison.Ordinal) ? 0 : 1;
            (set.Value, key.Value, name.Value) = (row.Set, newKey, newName);
            insert.ExecuteNonQuery();
        }

        return changed;
    }

    private static int RekeyDocuments(SqliteConnection connection, SqliteTransaction transaction, ILogger logger)
    {
        var documents = new List<(string Id, string Set, string Path)>();
        using (var select = connection.Command("SELECT document_id, set_name, source_path FROM documents;", transaction))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                documents.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var changed = 0;
        foreach (var (id, set, path) in documents)
        {
            if (!NameKey.TryKey(set, out _))
            {
                continue;
            }

            var newId = DocumentIds.For(set, path);
            if (string.Equals(newId, id, StringComparison.Ordinal))
            {
                continue;
            }

            using (var taken = connection.Command("SELECT count(*) FROM documents WHERE document_id = $id;", transaction))
            {
                taken.Parameters.AddWithValue("$id", newId);
                if (Convert.ToInt64(taken.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
                {
                    logger.DocumentIdKept(id, TerminalText.Escape(path), NameKey.Escape(set));
                    continue;
                }
            }

            // chunks.document_id is checked at commit, so the document row can change first.
            using (var update = connection.Command("UPDATE documents SET document_id = $new WHERE document_id = $old;", transaction))
            {
                update.Parameters.AddWithValue("$new", newId);
                update.Parameters.AddWithValue("$old", id);
                update.ExecuteNonQuery();
            }

            RekeyChunks(connection, transaction, id, newId);
            changed++;
        }

        return changed;
    }

    /// <summary>Chunk ids derive from the document id (and version and index), so they follow it; rowids stay.</summary>
    private static void RekeyChunks(SqliteConnection connection, SqliteTransaction transaction, string oldId, string newId)
    {
        var chunks = new List<(long RowId, int Index)>();
        using (var select = connection.Command("SELECT rowid, idx FROM chunks WHERE document_id = $old;", transaction))
        {
            select.Parameters.AddWithValue("$old", oldId);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                chunks.Add((reader.GetInt64(0), reader.GetInt32(1)));
            }
        }

        string contentHash;
        using (var version = connection.Command("SELECT content_hash FROM documents WHERE document_id = $id;", transaction))
        {
            version.Parameters.AddWithValue("$id", newId);
            contentHash = (string)version.ExecuteScalar()!;
        }

        using var update = connection.Command("UPDATE chunks SET document_id = $new, chunk_id = $chunk_id WHERE rowid = $rowid;", transaction);
        update.Parameters.AddWithValue("$new", newId);
        var chunkId = update.Parameters.AddWithValue("$chunk_id", string.Empty);
        var rowId = update.Parameters.AddWithValue("$rowid", 0L);
        foreach (var (row, index) in chunks)
        {
            chunkId.Value = ChunkIds.For(newId, contentHash, index).ToString("D", CultureInfo.InvariantCulture);
            rowId.Value = row;
            update.ExecuteNonQuery();
        }
    }

    private static List<string> ReadColumn(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var values = new List<string>();
        using var command = connection.Command(sql, transaction);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}

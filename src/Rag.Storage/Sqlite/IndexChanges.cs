using Microsoft.Data.Sqlite;

namespace Rag.Storage.Sqlite;

/// <summary>
/// The change log <c>index_changes</c> (schema version 6): one row per changed document, set or chunk vector, written
/// inside the transaction of the change, so a reader in another process sees a change exactly when it commits.
/// </summary>
internal static class IndexChanges
{
    public const string Document = "document";
    public const string Set = "set";
    public const string Vector = "vector";

    /// <summary>
    /// Rows kept after pruning. A reader polls every few hundred milliseconds and is never this far behind unless it
    /// stalled; one that is reloads its vectors instead of applying the missing rows.
    /// </summary>
    public const long Retained = 100_000;

    /// <summary>Records that <paramref name="subject"/> of <paramref name="kind"/> changed in <paramref name="transaction"/>.</summary>
    public static async Task AppendAsync(SqliteTransaction transaction, string kind, string subject, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.Command("INSERT INTO index_changes (kind, subject) VALUES ($kind, $subject);", transaction);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$subject", subject);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records one <see cref="Vector"/> change per chunk id, with one prepared command.</summary>
    public static async Task AppendVectorsAsync(SqliteTransaction transaction, IEnumerable<string> chunkIds, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.Command("INSERT INTO index_changes (kind, subject) VALUES ($kind, $subject);", transaction);
        command.Parameters.AddWithValue("$kind", Vector);
        foreach (var chunkId in chunkIds)
        {
            DocumentWrites.Set(command, "$subject", chunkId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Deletes all but the last <see cref="Retained"/> rows (a range delete on the primary key).</summary>
    public static async Task PruneAsync(SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.Command(
            "DELETE FROM index_changes WHERE seq <= (SELECT ifnull(max(seq), 0) FROM index_changes) - $retained;", transaction);
        command.Parameters.AddWithValue("$retained", Retained);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The last seq written (0 when none), read in <paramref name="transaction"/>'s snapshot.</summary>
    public static long LastSeq(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.Command("SELECT ifnull(max(seq), 0) FROM index_changes;", transaction);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>True when rows after <paramref name="appliedSeq"/> were pruned before a reader applied them.</summary>
    public static bool PrunedPast(SqliteConnection connection, SqliteTransaction? transaction, long appliedSeq)
    {
        using var command = connection.Command("SELECT min(seq) FROM index_changes;", transaction);
        return command.ExecuteScalar() is long first && first > appliedSeq + 1;
    }
}

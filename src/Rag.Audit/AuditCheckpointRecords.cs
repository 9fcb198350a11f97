using Microsoft.Data.Sqlite;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit.Verification;
using Rag.Storage.Sqlite;

namespace Rag.Audit;

/// <summary>
/// What <c>audit.db</c> keeps about signing beside the records: a copy of every checkpoint signed (so a checkpoint file
/// that was deleted, emptied or cut short is noticed, and a writer still finds its last signed head) and the refusals to
/// extend a tail that was not vouched for.
/// </summary>
internal static class AuditCheckpointRecords
{
    /// <summary>Keeps <paramref name="checkpoint"/> (a checkpoint another process already recorded is left as it is).</summary>
    public static void Add(SqliteConnection connection, AuditCheckpoint checkpoint)
    {
        using var command = connection.Command("INSERT OR IGNORE INTO audit_checkpoints (number, seq, head_hash, line) VALUES ($number, $seq, $head, $line);");
        command.Parameters.AddWithValue("$number", checkpoint.Number);
        command.Parameters.AddWithValue("$seq", checkpoint.Sequence);
        command.Parameters.AddWithValue("$head", checkpoint.HeadHash);
        command.Parameters.AddWithValue("$line", AuditCheckpointLine.Format(checkpoint));
        command.ExecuteNonQuery();
    }

    /// <summary>The last checkpoint recorded (null when none was, or its line does not parse).</summary>
    public static AuditCheckpoint? Last(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var line = connection.ScalarText("SELECT line FROM audit_checkpoints ORDER BY number DESC LIMIT 1;", transaction);
        return line is null ? null : AuditCheckpointLine.TryParse(line, out _);
    }

    /// <summary>The number and record of the last checkpoint recorded, or null.</summary>
    public static async Task<AuditRecordedCheckpoint?> LastRecordedAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT number, seq FROM audit_checkpoints ORDER BY number DESC LIMIT 1;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new AuditRecordedCheckpoint(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <summary>The latest purge marker, or null.</summary>
    public static AuditPurgeMarker? PurgeMarker(SqliteConnection connection, SqliteTransaction? transaction) =>
        AuditPurging.GetMarkerAsync(connection, transaction, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Records that a writer refused to go past <paramref name="damage"/>'s record (once per record, counting the attempts).</summary>
    public static void AddRefusal(SqliteConnection connection, AuditDamage damage, DateTimeOffset now)
    {
        using var command = connection.Command(
            "INSERT INTO audit_refusals (first_seq, first_time, last_time, attempts, reason) VALUES ($seq, $now, $now, 1, $reason) " +
            "ON CONFLICT (first_seq) DO UPDATE SET last_time = excluded.last_time, attempts = attempts + 1;");
        command.Parameters.AddWithValue("$seq", damage.FirstBadSequence ?? 0);
        command.Parameters.AddWithValue("$now", AuditChain.FormatTime(now));
        command.Parameters.AddWithValue("$reason", damage.Message);
        command.ExecuteNonQuery();
    }

    /// <summary>Every refusal recorded, oldest first.</summary>
    public static async Task<IReadOnlyList<AuditRefusal>> RefusalsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT first_seq, first_time, last_time, attempts, reason FROM audit_refusals ORDER BY first_seq;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var refusals = new List<AuditRefusal>();
        while (await reader.ReadAsync(cancellationToken))
        {
            refusals.Add(new AuditRefusal(reader.GetInt64(0), AuditChain.ParseTime(reader.GetString(1)), AuditChain.ParseTime(reader.GetString(2)), reader.GetInt64(3), reader.GetString(4)));
        }

        return refusals;
    }
}

using Microsoft.Data.Sqlite;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Storage.Sqlite;

namespace Rag.Audit;

/// <summary>Retention: removes a whole prefix of old records behind a signed marker, so verification still starts from a trusted hash.</summary>
internal static class AuditPurging
{
    public static async Task<AuditPurgeMarker?> GetMarkerAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "SELECT through_seq, head_hash, time_utc, cutoff_utc, key_id, signature FROM audit_purges ORDER BY through_seq DESC LIMIT 1;", transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new AuditPurgeMarker(
            reader.GetInt64(0),
            reader.GetString(1),
            ParseOrMin(reader.GetString(2)),
            ParseOrMin(reader.GetString(3)),
            reader.GetString(4),
            reader.GetString(5));
    }

    public static async Task<AuditPurgeResult> PurgeAsync(
        SqliteConnection connection, SqliteTransaction transaction, AuditOptions options, AuditKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = AuditChain.Normalize(now - options.RetentionPeriod);
        if (options.LegalHold)
        {
            return new AuditPurgeResult(0, 0, cutoff, LegalHold: true);
        }

        // A prefix only: everything before the first record that is still young enough (or everything, if none is).
        await using var find = connection.Command(
            "SELECT coalesce((SELECT min(seq) FROM audit_events WHERE time_utc >= $cutoff) - 1, (SELECT max(seq) FROM audit_events)), " +
            "(SELECT min(seq) FROM audit_events);",
            transaction);
        find.Parameters.AddWithValue("$cutoff", AuditChain.FormatTime(cutoff));
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var through = reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
        var first = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
        await reader.DisposeAsync();
        if (through < first || through == 0)
        {
            return new AuditPurgeResult(0, 0, cutoff, LegalHold: false);
        }

        var head = connection.ScalarText($"SELECT hash FROM audit_events WHERE seq = {through};", transaction)!;
        var marker = AuditPurgeMarker.Create(through, head, now, cutoff, key);
        await using (var insert = connection.Command(
            "INSERT INTO audit_purges (through_seq, head_hash, time_utc, cutoff_utc, key_id, signature) VALUES ($through, $head, $time, $cutoff, $key, $signature);",
            transaction))
        {
            insert.Parameters.AddWithValue("$through", marker.ThroughSequence);
            insert.Parameters.AddWithValue("$head", marker.HeadHash);
            insert.Parameters.AddWithValue("$time", AuditChain.FormatTime(marker.Time));
            insert.Parameters.AddWithValue("$cutoff", AuditChain.FormatTime(marker.Cutoff));
            insert.Parameters.AddWithValue("$key", marker.KeyId);
            insert.Parameters.AddWithValue("$signature", marker.Signature);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        // The delete triggers allow exactly this: rows at or before the newest marker.
        await using (var deleteTargets = connection.Command("DELETE FROM audit_targets WHERE seq <= $through;", transaction))
        {
            deleteTargets.Parameters.AddWithValue("$through", through);
            await deleteTargets.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var delete = connection.Command("DELETE FROM audit_events WHERE seq <= $through;", transaction);
        delete.Parameters.AddWithValue("$through", through);
        var purged = await delete.ExecuteNonQueryAsync(cancellationToken);
        return new AuditPurgeResult(purged, through, cutoff, LegalHold: false);
    }

    private static DateTimeOffset ParseOrMin(string text)
    {
        try
        {
            return AuditChain.ParseTime(text);
        }
        catch (FormatException)
        {
            return DateTimeOffset.MinValue;
        }
    }
}

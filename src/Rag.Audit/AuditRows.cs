using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rag.Core.Audit;
using Rag.Storage.Sqlite;

namespace Rag.Audit;

/// <summary>How a record maps to a row of <c>audit_events</c> (and its <c>audit_targets</c>), both ways.</summary>
internal static class AuditRows
{
    public const string Columns =
        "seq, time_utc, action, actor_id, actor_name, actor_groups, actor_roles, targets, outcome, correlation_id, client_address, model_id, model_version, detail, prev_hash, hash, mac";

    private const string InsertSql =
        "INSERT INTO audit_events (" + Columns + ") VALUES ($seq, $time, $action, $actor, $name, $groups, $roles, $targets, $outcome, $correlation, $client, $model, $modelVersion, $detail, $prev, $hash, $mac);";

    /// <summary>Inserts <paramref name="record"/> and one <c>audit_targets</c> row per distinct target.</summary>
    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, AuditRecord record)
    {
        using var insert = connection.Command(InsertSql, transaction);
        Bind(insert, record);
        insert.ExecuteNonQuery();
        using var target = connection.Command("INSERT OR IGNORE INTO audit_targets (target, seq) VALUES ($target, $seq);", transaction);
        target.Parameters.AddWithValue("$seq", record.Sequence);
        var value = target.Parameters.AddWithValue("$target", string.Empty);
        foreach (var t in record.Event.Targets)
        {
            value.Value = t;
            target.ExecuteNonQuery();
        }
    }

    /// <summary>Reads the row at the reader's position (columns as in <see cref="Columns"/>). Never throws on damaged content: damage must reach the verifier.</summary>
    public static AuditRecord Read(SqliteDataReader reader)
    {
        var timeText = Text(reader, 1);
        DateTimeOffset time;
        try
        {
            time = AuditChain.ParseTime(timeText);
        }
        catch (FormatException)
        {
            time = DateTimeOffset.MinValue; // a time that is not in the canonical form cannot match the stored hash
        }

        var auditEvent = new AuditEvent(
            Text(reader, 2),
            new AuditActor(Text(reader, 3), Text(reader, 4), List(reader, 5), List(reader, 6)),
            List(reader, 7),
            Text(reader, 8))
        {
            CorrelationId = NullableText(reader, 9),
            ClientAddress = NullableText(reader, 10),
            ModelId = NullableText(reader, 11),
            ModelVersion = NullableText(reader, 12),
            Detail = NullableText(reader, 13),
        };
        return new AuditRecord(reader.GetInt64(0), time, auditEvent, Text(reader, 14), Text(reader, 15)) { Mac = NullableText(reader, 16) };
    }

    private static void Bind(SqliteCommand command, AuditRecord record)
    {
        var e = record.Event;
        command.Parameters.AddWithValue("$seq", record.Sequence);
        command.Parameters.AddWithValue("$time", AuditChain.FormatTime(record.Time));
        command.Parameters.AddWithValue("$action", e.Action);
        command.Parameters.AddWithValue("$actor", e.Actor.Id);
        command.Parameters.AddWithValue("$name", e.Actor.DisplayName);
        command.Parameters.AddWithValue("$groups", JsonSerializer.Serialize(e.Actor.Groups));
        command.Parameters.AddWithValue("$roles", JsonSerializer.Serialize(e.Actor.Roles));
        command.Parameters.AddWithValue("$targets", JsonSerializer.Serialize(e.Targets));
        command.Parameters.AddWithValue("$outcome", e.Outcome);
        command.Parameters.AddWithValue("$correlation", (object?)e.CorrelationId ?? DBNull.Value);
        command.Parameters.AddWithValue("$client", (object?)e.ClientAddress ?? DBNull.Value);
        command.Parameters.AddWithValue("$model", (object?)e.ModelId ?? DBNull.Value);
        command.Parameters.AddWithValue("$modelVersion", (object?)e.ModelVersion ?? DBNull.Value);
        command.Parameters.AddWithValue("$detail", (object?)e.Detail ?? DBNull.Value);
        command.Parameters.AddWithValue("$prev", record.PreviousHash);
        command.Parameters.AddWithValue("$hash", record.Hash);
        command.Parameters.AddWithValue("$mac", (object?)record.Mac ?? DBNull.Value);
    }

    private static string Text(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? string.Empty : Convert.ToString(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    private static string? NullableText(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Text(reader, ordinal);

    private static string[] List(SqliteDataReader reader, int ordinal)
    {
        var text = Text(reader, ordinal);
        try
        {
            return JsonSerializer.Deserialize<string[]>(text) ?? [];
        }
        catch (JsonException)
        {
            return ["\u0000unreadable:" + text]; // kept verbatim so the record fails its hash instead of failing the read
        }
    }
}

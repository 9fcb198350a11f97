using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Rag.Core.Audit;
using Rag.Audit.Logging;
using Rag.Storage.Sqlite;
using Rag.Storage.Logging;

namespace Rag.Audit;

/// <summary>The audit database's tables, indexes and append-only triggers, and the upgrades from schema 1 (no hash chain) and 2 (no record MACs).</summary>
internal static class AuditSchema
{
    public const int Version = 3;

    // Schema 3: each record's MAC (records written before it have none and rely on the checkpoints that cover them),
    // the checkpoints signed (so a checkpoint file that loses them is noticed), and the refusals to extend an unvouched tail.
    private const string UpgradeToV3 =
        """
        ALTER TABLE audit_events ADD COLUMN mac TEXT;
        CREATE TABLE audit_checkpoints (
            number    INTEGER PRIMARY KEY,
            seq       INTEGER NOT NULL,
            head_hash TEXT NOT NULL,
            line      TEXT NOT NULL);
        CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
            BEGIN SELECT RAISE(ABORT, 'checkpoint records are append-only'); END;
        CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
            BEGIN SELECT RAISE(ABORT, 'checkpoint records are append-only'); END;
        CREATE TABLE audit_refusals (
            first_seq  INTEGER PRIMARY KEY,
            first_time TEXT NOT NULL,
            last_time  TEXT NOT NULL,
            attempts   INTEGER NOT NULL,
            reason     TEXT NOT NULL);
        """;

    private const string CreateV2 =
        """
        CREATE TABLE audit_events (
            seq            INTEGER PRIMARY KEY,
            time_utc       TEXT NOT NULL,
            action         TEXT NOT NULL,
            actor_id       TEXT NOT NULL,
            actor_name     TEXT NOT NULL,
            actor_groups   TEXT NOT NULL,
            actor_roles    TEXT NOT NULL,
            targets        TEXT NOT NULL,
            outcome        TEXT NOT NULL,
            correlation_id TEXT,
            client_address TEXT,
            model_id       TEXT,
            model_version  TEXT,
            detail         TEXT,
            prev_hash      TEXT NOT NULL,
            hash           TEXT NOT NULL);
        CREATE INDEX audit_events_time ON audit_events (time_utc);
        CREATE INDEX audit_events_actor ON audit_events (actor_id, seq);
        CREATE INDEX audit_events_action ON audit_events (action, seq);
        CREATE INDEX audit_events_outcome ON audit_events (outcome, seq);
        CREATE INDEX audit_events_action_outcome ON audit_events (action, outcome, seq);
        CREATE TABLE audit_targets (
            target TEXT NOT NULL,
            seq    INTEGER NOT NULL,
            PRIMARY KEY (target, seq)) WITHOUT ROWID;
        CREATE TABLE audit_purges (
            through_seq INTEGER PRIMARY KEY,
            head_hash   TEXT NOT NULL,
            time_utc    TEXT NOT NULL,
            cutoff_utc  TEXT NOT NULL,
            key_id      TEXT NOT NULL,
            signature   TEXT NOT NULL);
        CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
            WHEN OLD.seq > coalesce((SELECT max(through_seq) FROM audit_purges), 0)
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only; only a signed purge removes records'); END;
        CREATE TRIGGER audit_targets_no_update BEFORE UPDATE ON audit_targets
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_targets_no_delete BEFORE DELETE ON audit_targets
            WHEN OLD.seq > coalesce((SELECT max(through_seq) FROM audit_purges), 0)
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only; only a signed purge removes records'); END;
        CREATE TRIGGER audit_purges_no_update BEFORE UPDATE ON audit_purges
            BEGIN SELECT RAISE(ABORT, 'purge markers are append-only'); END;
        CREATE TRIGGER audit_purges_no_delete BEFORE DELETE ON audit_purges
            BEGIN SELECT RAISE(ABORT, 'purge markers are append-only'); END;
        """;

    /// <summary>
    /// Creates the schema, or upgrades schema 1 by chaining its records in order, and schema 2 by adding the MAC column
    /// and tables. Returns the version it upgraded from (0 when it created or changed nothing): records from before
    /// schema 3 have no MAC, so the upgrading writer signs them at once (<see cref="SqliteAuditLog"/>).
    /// </summary>
    public static int Ensure(SqliteConnection connection, ILogger logger)
    {
        var current = CurrentVersion(connection);
        if (current == Version)
        {
            return 0;
        }

        if (current > Version)
        {
            throw new InvalidOperationException($"The audit database '{connection.DataSource}' has schema version {current}; this build understands up to {Version}. Upgrade the application.");
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        current = CurrentVersion(connection, transaction);
        if (current == Version)
        {
            return 0; // another process got there first
        }

        var legacy = current == 1;
        if (legacy)
        {
            connection.Execute("ALTER TABLE audit_events RENAME TO audit_events_v1;", transaction);
        }

        if (current < 2)
        {
            connection.Execute(CreateV2, transaction);
        }

        connection.Execute(UpgradeToV3, transaction);
        if (legacy)
        {
            ChainLegacyRecords(connection, transaction);
            connection.Execute("DROP TABLE audit_events_v1;", transaction);
        }

        connection.Execute($"PRAGMA user_version = {Version};", transaction);
        transaction.Commit();
        if (current > 0)
        {
            logger.SchemaMigrated(connection.DataSource, current, Version);
        }

        return current;
    }

    /// <summary>
    /// Indexes that only speed up searches (not part of the chain or the schema version, so older logs gain them
    /// without an upgrade): the records of one question by correlation id. Created by the writer; a reader-only
    /// process searches without them, only slower.
    /// </summary>
    public static void EnsureSearchIndexes(SqliteConnection connection) =>
        connection.Execute("CREATE INDEX IF NOT EXISTS audit_events_correlation ON audit_events (correlation_id, seq) WHERE correlation_id IS NOT NULL;");

    /// <summary>The schema version of the open database (0 for a new one).</summary>
    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var version = connection.Command("PRAGMA user_version;", transaction);
        return Convert.ToInt32(version.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Schema 1 records had no hashes: they are chained now, in sequence order, as they were stored.</summary>
    private static void ChainLegacyRecords(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var read = connection.Command("SELECT seq, time_utc, action, actor_id, actor_groups, targets, outcome, detail FROM audit_events_v1 ORDER BY seq;", transaction);
        using var reader = read.ExecuteReader();
        var previous = AuditChain.GenesisHash;
        while (reader.Read())
        {
            var groups = JsonSerializer.Deserialize<string[]>(reader.GetString(4)) ?? [];
            var time = AuditChain.Normalize(DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
            var auditEvent = new AuditEvent(reader.GetString(2), new AuditActor(reader.GetString(3), reader.GetString(3), groups, []), JsonSerializer.Deserialize<string[]>(reader.GetString(5)) ?? [], reader.GetString(6))
            {
                Detail = reader.IsDBNull(7) ? null : reader.GetString(7),
            };
            var sequence = reader.GetInt64(0);
            var hash = AuditChain.ComputeHash(previous, sequence, time, auditEvent);
            AuditRows.Insert(connection, transaction, new AuditRecord(sequence, time, auditEvent, previous, hash));
            previous = hash;
        }
    }
}

using Microsoft.Data.Sqlite;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit;

namespace Rag.Audit.Tests;

/// <summary>
/// What an attacker with write access to <c>audit.db</c> can do: drop the append-only triggers, then change, delete,
/// insert, renumber and reorder rows with plain SQL (and recompute hashes, which needs no key).
/// </summary>
internal sealed class AuditTamper : IDisposable
{
    private static readonly string[] Triggers = ["audit_events_no_update", "audit_events_no_delete", "audit_targets_no_update", "audit_targets_no_delete"];

    private static readonly string[] Tables = ["audit_events", "audit_targets"];

    // Each table's columns in order, with seq moved by $a.
    private static readonly (string Table, string Columns, string Shifted)[] Renumbered =
    [
        ("audit_events", AuditRows.Columns, "seq + $a," + AuditRows.Columns[(AuditRows.Columns.IndexOf(',', StringComparison.Ordinal) + 1)..]),
        ("audit_targets", "target, seq", "target, seq + $a"),
    ];

    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;

    private AuditTamper(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens the audit database in <paramref name="dataDirectory"/> and drops the append-only triggers.</summary>
    public static AuditTamper Open(string dataDirectory)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, SqliteAuditLog.FileName)};Pooling=False");
        connection.Open();
        var tamper = new AuditTamper(connection);
        tamper.Execute("PRAGMA synchronous = OFF;"); // a scratch copy: no need to survive power loss
        foreach (var trigger in Triggers)
        {
            tamper.Execute($"DROP TRIGGER {trigger};");
        }

        return tamper;
    }

    /// <summary>Runs <paramref name="sql"/> with <c>$a</c>, <c>$b</c>, … bound to <paramref name="values"/>.</summary>
    public int Execute(string sql, params object?[] values)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (char)('a' + i), values[i] ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    /// <summary>The stored row at <paramref name="sequence"/>.</summary>
    public AuditRecord Read(long sequence) => ReadRange(sequence, sequence).Single();

    /// <summary>The stored rows <paramref name="from"/>..<paramref name="to"/>, in order.</summary>
    public List<AuditRecord> ReadRange(long from, long to)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT " + AuditRows.Columns + " FROM audit_events WHERE seq BETWEEN $from AND $to ORDER BY seq;";
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        using var reader = command.ExecuteReader();
        var records = new List<AuditRecord>();
        while (reader.Read())
        {
            records.Add(AuditRows.Read(reader));
        }

        return records;
    }

    /// <summary>Overwrites one column of one row, leaving the hashes as they were.</summary>
    public void SetColumn(long sequence, string column, object? value) =>
        Require(Execute($"UPDATE audit_events SET {column} = $a WHERE seq = $b;", value, sequence), 1);

    /// <summary>Replaces the contiguous rows with these sequence numbers by <paramref name="records"/> (as given: the caller decides the hashes).</summary>
    public void Replace(IReadOnlyList<AuditRecord> records)
    {
        var first = records[0].Sequence;
        var last = records[^1].Sequence;
        if (last - first + 1 != records.Count)
        {
            throw new ArgumentException("The records must be contiguous and in order.", nameof(records));
        }

        InTransaction(transaction =>
        {
            Execute("DELETE FROM audit_targets WHERE seq BETWEEN $a AND $b;", first, last);
            Require(Execute("DELETE FROM audit_events WHERE seq BETWEEN $a AND $b;", first, last), records.Count);
            foreach (var record in records)
            {
                AuditRows.Insert(_connection, transaction, record);
            }
        });
    }

    /// <summary>Stores <paramref name="record"/> as a new row (its sequence number must be free).</summary>
    public void Insert(AuditRecord record)
    {
        InTransaction(transaction => AuditRows.Insert(_connection, transaction, record));
    }

    /// <summary>Deletes rows <paramref name="from"/>..<paramref name="to"/>, leaving a gap.</summary>
    public void Delete(long from, long to)
    {
        Execute("DELETE FROM audit_targets WHERE seq BETWEEN $a AND $b;", from, to);
        Require(Execute("DELETE FROM audit_events WHERE seq BETWEEN $a AND $b;", from, to), (int)(to - from + 1));
    }

    /// <summary>Adds <paramref name="delta"/> to the sequence number of every row from <paramref name="from"/> on (through a temporary table: seq is the primary key).</summary>
    public void Renumber(long from, long delta) =>
        InTransaction(_ =>
        {
            foreach (var (table, columns, shifted) in Renumbered)
            {
                Execute($"CREATE TEMP TABLE moved AS SELECT * FROM {table} WHERE seq >= $a;", from);
                Execute($"DELETE FROM {table} WHERE seq >= $a;", from);
                Execute($"INSERT INTO {table} ({columns}) SELECT {shifted} FROM moved;", delta);
                Execute("DROP TABLE moved;");
            }
        });

    /// <summary>Gives row <paramref name="first"/> the sequence number of row <paramref name="second"/> and the other way round.</summary>
    public void Swap(long first, long second)
    {
        foreach (var table in Tables)
        {
            Execute($"UPDATE {table} SET seq = -1 WHERE seq = $a;", first);
            Execute($"UPDATE {table} SET seq = $a WHERE seq = $b;", first, second);
            Execute($"UPDATE {table} SET seq = $a WHERE seq = -1;", second);
        }
    }

    /// <summary>Changes record <paramref name="from"/> with <paramref name="change"/> and recomputes every hash from there to the end: a consistent chain, but not the signed one.</summary>
    public void RewriteFrom(long from, Func<AuditEvent, AuditEvent> change)
    {
        var link = from == 1 ? AuditChain.GenesisHash : Read(from - 1).Hash;
        var rewritten = new List<AuditRecord>();
        foreach (var record in ReadRange(from, long.MaxValue))
        {
            var auditEvent = record.Sequence == from ? change(record.Event) : record.Event;
            var hash = AuditChain.ComputeHash(link, record.Sequence, record.Time, auditEvent);
            rewritten.Add(new AuditRecord(record.Sequence, record.Time, auditEvent, link, hash));
            link = hash;
        }

        Replace(rewritten);
    }

    /// <summary>Stores a purge marker (signed by whoever made it) and removes the records it claims were purged.</summary>
    public void ForgePurge(AuditPurgeMarker marker)
    {
        Execute(
            "INSERT INTO audit_purges (through_seq, head_hash, time_utc, cutoff_utc, key_id, signature) VALUES ($a, $b, $c, $d, $e, $f);",
            marker.ThroughSequence,
            marker.HeadHash,
            AuditChain.FormatTime(marker.Time),
            AuditChain.FormatTime(marker.Cutoff),
            marker.KeyId,
            marker.Signature);
        Delete(1, marker.ThroughSequence);
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private void InTransaction(Action<SqliteTransaction> work)
    {
        using var transaction = _connection.BeginTransaction();
        _transaction = transaction;
        try
        {
            work(transaction);
            transaction.Commit();
        }
        finally
        {
            _transaction = null;
        }
    }

    private static void Require(int changed, int expected)
    {
        if (changed != expected)
        {
            throw new InvalidOperationException($"The damage touched {changed} rows, not {expected}.");
        }
    }
}

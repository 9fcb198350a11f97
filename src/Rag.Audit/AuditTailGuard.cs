using Microsoft.Data.Sqlite;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit.Verification;
using Rag.Storage.Sqlite;

namespace Rag.Audit;

/// <summary>
/// A writer's promise never to extend or sign a tail it cannot vouch for. It remembers the head it has vouched for
/// (at first the last signed checkpoint, from the file or the database's copy, or the signed purge marker), and before
/// every append and every checkpoint reads the records written since, by this or any other process: each must be in
/// sequence, link to the one before, match its own hash and carry a valid MAC (<see cref="AuditRecordMac"/>). Records
/// appended by another process holding the same key pass; a record written into <c>audit.db</c> by someone without the
/// key does not, and the writer stops there.
/// </summary>
internal sealed class AuditTailGuard(AuditKey key, AuditRecordMac mac)
{
    private long _sequence = -1;
    private string _hash = AuditChain.GenesisHash;
    private AuditCheckpoint? _pending;

    /// <summary>The head vouched for so far (valid once <see cref="Vouch"/> returned null).</summary>
    public (long Sequence, string Hash) Head => (_sequence, _hash);

    /// <summary>Starts from <paramref name="lastCheckpoint"/> (the checkpoint file's last line), unless the database's copy or the purge marker is later.</summary>
    public void Start(AuditCheckpoint? lastCheckpoint)
    {
        _sequence = -1;
        _pending = lastCheckpoint;
    }

    /// <summary>Vouches for every record after the head vouched so far; null when all pass, else what is wrong with the first that does not.</summary>
    public AuditDamage? Vouch(SqliteConnection connection, SqliteTransaction? transaction)
    {
        if (_sequence < 0 && Anchor(connection, transaction) is { } anchorDamage)
        {
            return anchorDamage;
        }

        // Another process may have purged a prefix past the head vouched so far: the signed marker is the new anchor.
        if (AuditCheckpointRecords.PurgeMarker(connection, transaction) is { } purge && purge.ThroughSequence > _sequence)
        {
            if (!Signed(purge.KeyId, purge.Payload, purge.Signature))
            {
                return Unvouched(purge.ThroughSequence + 1, $"the purge marker (records 1..{purge.ThroughSequence}) is not signed by this key");
            }

            (_sequence, _hash) = (purge.ThroughSequence, purge.HeadHash);
        }

        using var command = connection.Command("SELECT " + AuditRows.Columns + " FROM audit_events WHERE seq > $after ORDER BY seq;", transaction);
        command.Parameters.AddWithValue("$after", _sequence);
        using var reader = command.ExecuteReader();
        var (sequence, hash) = (_sequence, _hash);
        while (reader.Read())
        {
            var record = AuditRows.Read(reader);
            var problem = record.Sequence != sequence + 1 ? $"record {sequence + 1} is missing"
                : !string.Equals(record.PreviousHash, hash, StringComparison.Ordinal) ? $"record {record.Sequence} does not link to record {sequence}"
                : !AuditChain.IsSelfConsistent(record) ? $"record {record.Sequence} does not match its hash"
                : !mac.Vouches(record) ? $"record {record.Sequence} {(record.Mac is null ? "has no MAC" : "has a MAC that does not match")}, so no process holding the signing key wrote it"
                : null;
            if (problem is not null)
            {
                (_sequence, _hash) = (sequence, hash);
                return Unvouched(Math.Min(record.Sequence, sequence + 1), problem);
            }

            (sequence, hash) = (record.Sequence, record.Hash);
        }

        (_sequence, _hash) = (sequence, hash);
        return null;
    }

    /// <summary>Records this writer appended itself (already vouched for).</summary>
    public void Advance(long sequence, string hash) => (_sequence, _hash) = (sequence, hash);

    private AuditDamage? Anchor(SqliteConnection connection, SqliteTransaction? transaction)
    {
        (_sequence, _hash) = (0, AuditChain.GenesisHash);
        var stored = AuditCheckpointRecords.Last(connection, transaction);
        var signed = new[] { _pending, stored }
            .Where(c => c is not null && Signed(c.KeyId, c.Payload, c.Signature))
            .MaxBy(c => c!.Sequence);
        if (signed is null)
        {
            return null;
        }

        var hash = connection.ScalarText($"SELECT hash FROM audit_events WHERE seq = {signed.Sequence};", transaction);
        var purged = AuditCheckpointRecords.PurgeMarker(connection, transaction)?.ThroughSequence >= signed.Sequence;
        if (!purged && !string.Equals(hash, signed.HeadHash, StringComparison.Ordinal))
        {
            return Unvouched(signed.Sequence, $"record {signed.Sequence} no longer matches signed checkpoint {signed.Number}");
        }

        if (!purged)
        {
            (_sequence, _hash) = (signed.Sequence, signed.HeadHash);
        }

        return null;
    }

    private bool Signed(string keyId, string payload, string signature) =>
        string.Equals(keyId, key.KeyId, StringComparison.Ordinal) && key.Verify(payload, signature);

    private static AuditDamage Unvouched(long sequence, string problem) =>
        new(AuditDamageKind.Unvouched, sequence, $"Record {sequence} is not vouched for: {problem}. No record was appended after it and nothing was signed; `rag audit verify` names the damage.");
}

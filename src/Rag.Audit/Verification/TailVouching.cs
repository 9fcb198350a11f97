using System.Globalization;
using Rag.Core.Audit;

namespace Rag.Audit.Verification;

/// <summary>
/// During a walk under an <see cref="AuditVerificationPolicy"/>: checks record MACs, and remembers the first record since
/// the last matched checkpoint that has no MAC or is past due for a signature, to report once the walk knows no later
/// checkpoint covers it.
/// </summary>
internal sealed class TailVouching(AuditVerificationPolicy policy)
{
    private readonly DateTimeOffset _dueBefore = policy.Now - (2 * policy.CheckpointInterval);
    private long? _firstWithoutMac;
    private long? _firstOverdue;

    /// <summary>Damage when <paramref name="record"/> carries a MAC that the private key does not confirm.</summary>
    public AuditDamage? BadMac(AuditRecord record) =>
        policy.RecordMac is { } mac && record.Mac is not null && !mac.Vouches(record)
            ? new AuditDamage(AuditDamageKind.Unvouched, record.Sequence, $"Record {record.Sequence}'s MAC does not match: it was written or rewritten by someone who does not hold the signing key.")
            : null;

    /// <summary>Notes a verified record that no checkpoint covers yet.</summary>
    public void Add(AuditRecord record)
    {
        if (record.Mac is null)
        {
            _firstWithoutMac ??= record.Sequence;
        }

        if (record.Time < _dueBefore)
        {
            _firstOverdue ??= record.Sequence;
        }
    }

    /// <summary>A signed checkpoint matched the record just added: everything so far is covered.</summary>
    public void Covered()
    {
        _firstWithoutMac = null;
        _firstOverdue = null;
    }

    /// <summary>After the walk: damage for the records after <paramref name="lastCovered"/> up to <paramref name="head"/>, if any.</summary>
    public AuditDamage? Uncovered(long lastCovered, long head)
    {
        if (_firstWithoutMac is { } bare)
        {
            return new AuditDamage(
                AuditDamageKind.Unvouched,
                bare,
                $"Record {bare} has no MAC and no signed checkpoint covers it: it was not written by a process holding the signing key (a record added to the database directly). No writer extends or signs a tail it cannot vouch for.");
        }

        var byCount = head - (lastCovered + 1) > policy.CheckpointEveryRecords ? lastCovered + 1 : (long?)null;
        if ((_firstOverdue, byCount) switch { (null, null) => (long?)null, (null, var c) => c, (var t, null) => t, (var t, var c) => Math.Min(t.Value, c!.Value) } is not { } overdue)
        {
            return null;
        }

        var why = overdue == _firstOverdue
            ? string.Create(CultureInfo.InvariantCulture, $"older than twice Rag:Audit:CheckpointInterval ({policy.CheckpointInterval})")
            : string.Create(CultureInfo.InvariantCulture, $"more than Rag:Audit:CheckpointEveryRecords ({policy.CheckpointEveryRecords}) records before the last one");
        var macs = policy.RecordMac is null ? "their MACs could not be checked without the private key" : "their MACs are valid";
        return new AuditDamage(
            AuditDamageKind.SignatureOverdue,
            overdue,
            $"Records {overdue}..{head} have no signed checkpoint, though record {overdue} is {why}: checkpoints were removed, or a process stopped without signing ({macs}; `rag audit checkpoint` checks every MAC before it signs).");
    }
}

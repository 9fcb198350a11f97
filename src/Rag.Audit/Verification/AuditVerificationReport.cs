using Rag.Core.Audit;

namespace Rag.Audit.Verification;

/// <summary>The result of verifying the chain and its checkpoints.</summary>
/// <param name="Damage">Findings: empty when the log is intact. At most one about the checkpoint file and one about the records (the first bad one; verification stops there).</param>
/// <param name="StartedAfterSequence">Verification started after this record (0 = the very start; a purge marker or a checkpoint otherwise).</param>
/// <param name="RecordsChecked">Records whose hash and link were recomputed.</param>
/// <param name="LastSequence">The last record seen (null when there are none).</param>
/// <param name="CheckpointsChecked">Checkpoint lines whose signature was checked.</param>
/// <param name="CheckpointsMatched">Checkpoints whose head hash was compared with the chain and matched.</param>
/// <param name="UncoveredRecords">Records after the last checkpoint: intact as far as the chain can tell, but not yet signed.</param>
public sealed record AuditVerificationReport(
    IReadOnlyList<AuditDamage> Damage,
    long StartedAfterSequence,
    long RecordsChecked,
    long? LastSequence,
    int CheckpointsChecked,
    int CheckpointsMatched,
    long UncoveredRecords)
{
    /// <summary>The SHA-256 fingerprint of the key the signatures were checked with (<see cref="Signing.AuditKey.Fingerprint"/>).</summary>
    public string? KeyFingerprint { get; init; }

    /// <summary>True when every record's MAC was checked (verification held the private key).</summary>
    public bool RecordMacsChecked { get; init; }

    /// <summary>True when nothing was found.</summary>
    public bool Intact => Damage.Count == 0;
}

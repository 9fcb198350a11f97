using Rag.Audit.Signing;
using Rag.Core.Audit;

namespace Rag.Audit.Verification;

/// <summary>
/// What a full verification checks beyond the chain and the signatures: who vouches for the records no checkpoint
/// covers, how late a checkpoint may be, whether the checkpoint file lost checkpoints, and which key is trusted.
/// </summary>
public sealed record AuditVerificationPolicy
{
    /// <summary>The record MAC key (needs the private key); null to check only that uncovered records carry a MAC at all.</summary>
    public AuditRecordMac? RecordMac { get; init; }

    /// <summary>The time the age of unsigned records is measured against.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The writers' <see cref="AuditOptions.CheckpointInterval"/>: a record older than twice this must be covered.</summary>
    public required TimeSpan CheckpointInterval { get; init; }

    /// <summary>The writers' <see cref="AuditOptions.CheckpointEveryRecords"/>: a record more than this many records before the head must be covered.</summary>
    public required long CheckpointEveryRecords { get; init; }

    /// <summary>The last checkpoint the store recorded signing, or null when it recorded none.</summary>
    public AuditRecordedCheckpoint? Recorded { get; init; }

    /// <summary>True when the checkpoint lines come from a copy (e.g. WORM) that may legitimately end before the live file.</summary>
    public bool CheckpointFileIsCopy { get; init; }

    /// <summary>The fingerprint pinned at installation (<see cref="AuditOptions.PinnedFingerprint"/>), or null when none is.</summary>
    public string? PinnedFingerprint { get; init; }
}

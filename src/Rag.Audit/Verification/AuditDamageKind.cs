using Rag.Core.Audit;

namespace Rag.Audit.Verification;

/// <summary>What kind of damage verification found.</summary>
public enum AuditDamageKind
{
    /// <summary>A record's content (or its content and its own hash) was changed.</summary>
    Modified,

    /// <summary>Records are missing: a gap in the sequence, or deleted and the rest renumbered.</summary>
    Deleted,

    /// <summary>Records that were never appended sit inside the chain.</summary>
    Inserted,

    /// <summary>A record was moved to another position.</summary>
    Reordered,

    /// <summary>The log ends before records a signed checkpoint covers.</summary>
    Truncated,

    /// <summary>The chain is internally consistent but disagrees with a signed checkpoint: rewritten without the key.</summary>
    Rewritten,

    /// <summary>A checkpoint's signature is invalid or made with another key.</summary>
    BadCheckpointSignature,

    /// <summary>The checkpoint file lost, gained or reordered lines, or holds a line that is not a checkpoint.</summary>
    CheckpointFileDamaged,

    /// <summary>The purge marker's signature is invalid, or records before it are still present or missing.</summary>
    BadPurgeMarker,

    /// <summary>
    /// A record no signed checkpoint covers carries no MAC, or a record carries a MAC that does not match (checked with
    /// the private key): it was appended or rewritten by someone who can write the store but does not hold the signing key.
    /// </summary>
    Unvouched,

    /// <summary>Records that should be covered by a checkpoint by now (older than twice the checkpoint interval, or more than the record interval before the head) have none.</summary>
    SignatureOverdue,

    /// <summary>The store recorded signing checkpoints that the checkpoint file no longer holds: the file was deleted, emptied or cut short.</summary>
    CheckpointsMissing,

    /// <summary>The verifying key is not the one pinned at installation (<c>Rag:Audit:TrustedKeyFingerprint</c>): its signatures prove nothing.</summary>
    UntrustedKey,

    /// <summary>The chain is intact but a store's search index (e.g. records by target) disagrees with the records: rebuild it.</summary>
    IndexDamaged,
}

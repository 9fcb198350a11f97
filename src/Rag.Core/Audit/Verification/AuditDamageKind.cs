namespace Rag.Core.Audit.Verification;

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

    /// <summary>The chain is intact but a store's search index (e.g. records by target) disagrees with the records: rebuild it.</summary>
    IndexDamaged,
}

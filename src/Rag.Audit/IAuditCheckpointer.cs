using Rag.Audit.Signing;

namespace Rag.Audit;

/// <summary>Signs an audit store's chain head into its checkpoint file.</summary>
public interface IAuditCheckpointer
{
    /// <summary>The checkpoint file this store signs into.</summary>
    AuditCheckpointFile Checkpoints { get; }

    /// <summary>Signs the current chain head now; null when the file already covers the last record or the log is empty.</summary>
    Task<AuditCheckpoint?> CheckpointAsync(CancellationToken cancellationToken = default);
}

using Rag.Core.Audit;

namespace Rag.Audit.Verification;

/// <summary>Everything <c>rag audit verify</c> reads from an audit store besides the chain itself.</summary>
public interface IAuditVerificationSource : IAuditChainSource
{
    /// <summary>The checkpoint file the store signs into (the default one to verify against).</summary>
    AuditCheckpointFile Checkpoints { get; }

    /// <summary>The last checkpoint the store recorded signing (a copy kept beside the records), or null when none was.</summary>
    Task<AuditRecordedCheckpoint?> GetRecordedCheckpointAsync(CancellationToken cancellationToken = default);

    /// <summary>The times a writer refused to extend the log past a record it could not vouch for.</summary>
    Task<IReadOnlyList<AuditRefusal>> GetRefusalsAsync(CancellationToken cancellationToken = default);
}

using Rag.Core.Audit;

namespace Rag.Audit;

/// <summary>Applies the retention period (<c>Rag:Audit:RetentionPeriod</c>) to an audit store.</summary>
public interface IAuditPurge
{
    /// <summary>
    /// Removes the records older than the retention period as one prefix behind a signed marker, and records an
    /// <see cref="AuditActions.AuditPurged"/> event for <paramref name="actor"/> (also when legal hold or an empty prefix leaves nothing to remove).
    /// </summary>
    Task<AuditPurgeResult> PurgeAsync(AuditActor actor, CancellationToken cancellationToken = default);
}

using Rag.Core.Audit;

namespace Rag.Audit.Verification;

/// <summary>Checks a store's search index of targets (outside the chain) against the chained records.</summary>
public interface IAuditTargetIndexCheck
{
    /// <summary>
    /// The first record whose targets the index disagrees with (rows added or removed to hide records from a search),
    /// as <see cref="AuditDamageKind.IndexDamaged"/>; null when the index matches. Run it after the chain verifies.
    /// </summary>
    Task<AuditDamage?> CheckTargetIndexAsync(CancellationToken cancellationToken = default);
}

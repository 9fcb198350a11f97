using Rag.Audit.Signing;
using Rag.Core.Audit;

namespace Rag.Audit.Verification;

/// <summary>What verification reads from an audit store: the stored records, as they are, and the purge marker.</summary>
public interface IAuditChainSource
{
    /// <summary>Stored records from <paramref name="fromSequence"/> in sequence order, as stored (a damaged row must still be returned, not thrown).</summary>
    IAsyncEnumerable<AuditRecord> ReadChainAsync(long fromSequence, CancellationToken cancellationToken = default);

    /// <summary>The latest purge marker, or null when nothing was ever purged.</summary>
    Task<AuditPurgeMarker?> GetPurgeMarkerAsync(CancellationToken cancellationToken = default);
}

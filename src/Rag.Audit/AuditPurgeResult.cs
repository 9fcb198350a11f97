using System.Text.Json;
using Rag.Core.Audit;

namespace Rag.Audit;

/// <summary>What a retention purge did.</summary>
/// <param name="Purged">Records removed (0 under legal hold or when none are old enough).</param>
/// <param name="ThroughSequence">Last removed record (0 when none).</param>
/// <param name="Cutoff">Records older than this were eligible.</param>
/// <param name="LegalHold">True when legal hold stopped the purge.</param>
public sealed record AuditPurgeResult(long Purged, long ThroughSequence, DateTimeOffset Cutoff, bool LegalHold)
{
    /// <summary>The detail stored with the <c>audit.purged</c> record.</summary>
    public string ToDetailJson() => JsonSerializer.Serialize(new
    {
        purged = Purged,
        throughSequence = ThroughSequence,
        cutoff = AuditChain.FormatTime(Cutoff),
        legalHold = LegalHold,
    });
}

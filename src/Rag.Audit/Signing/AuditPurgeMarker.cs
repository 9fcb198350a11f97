using System.Globalization;
using Rag.Core.Audit;

namespace Rag.Audit.Signing;

/// <summary>
/// Left behind when retention purges a prefix of the log: records 1..<see cref="ThroughSequence"/> are gone, and the
/// next record links to <see cref="HeadHash"/>. Signed, so a purge cannot be faked to hide deleted records.
/// </summary>
/// <param name="ThroughSequence">Last purged record.</param>
/// <param name="HeadHash">Its hash: the anchor the remaining chain starts from.</param>
/// <param name="Time">When the purge ran.</param>
/// <param name="Cutoff">Records older than this were purged.</param>
/// <param name="KeyId">Which key signed it.</param>
/// <param name="Signature">Base64 ECDSA P-256 signature of <see cref="Payload"/>.</param>
public sealed record AuditPurgeMarker(long ThroughSequence, string HeadHash, DateTimeOffset Time, DateTimeOffset Cutoff, string KeyId, string Signature)
{
    /// <summary>The exact text that is signed.</summary>
    public string Payload => string.Join(
        '|',
        "rag-audit-purge-1",
        ThroughSequence.ToString(CultureInfo.InvariantCulture),
        HeadHash,
        AuditChain.FormatTime(Time),
        AuditChain.FormatTime(Cutoff),
        KeyId);

    /// <summary>Creates and signs a marker.</summary>
    public static AuditPurgeMarker Create(long throughSequence, string headHash, DateTimeOffset time, DateTimeOffset cutoff, AuditKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var unsigned = new AuditPurgeMarker(throughSequence, headHash, AuditChain.Normalize(time), AuditChain.Normalize(cutoff), key.KeyId, string.Empty);
        return unsigned with { Signature = key.Sign(unsigned.Payload) };
    }
}

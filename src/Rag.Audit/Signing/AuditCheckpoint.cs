using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Rag.Core.Audit;

namespace Rag.Audit.Signing;

/// <summary>
/// A signed statement "after record <see cref="Sequence"/> the chain head was <see cref="HeadHash"/>", one line of the
/// checkpoint file. Checkpoints are numbered 1, 2, 3, … and each names the hash of the one before, so removing a line
/// from the file is detected as well as editing one.
/// </summary>
/// <param name="Number">1-based position in the checkpoint file.</param>
/// <param name="Sequence">Last record covered.</param>
/// <param name="HeadHash">That record's hash.</param>
/// <param name="Time">When the checkpoint was made.</param>
/// <param name="PreviousCheckpointHash">SHA-256 of the previous checkpoint's signed payload (64 zeros for the first).</param>
/// <param name="KeyId">Which key signed it (<see cref="AuditKey.KeyId"/>).</param>
/// <param name="Signature">Base64 ECDSA P-256 signature of <see cref="Payload"/>.</param>
public sealed record AuditCheckpoint(long Number, long Sequence, string HeadHash, DateTimeOffset Time, string PreviousCheckpointHash, string KeyId, string Signature)
{
    /// <summary>The exact text that is signed.</summary>
    public string Payload => string.Join(
        '|',
        "rag-audit-checkpoint-1",
        Number.ToString(CultureInfo.InvariantCulture),
        Sequence.ToString(CultureInfo.InvariantCulture),
        HeadHash,
        AuditChain.FormatTime(Time),
        PreviousCheckpointHash,
        KeyId);

    /// <summary>What the next checkpoint names as <see cref="PreviousCheckpointHash"/>.</summary>
    public string PayloadHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Payload)));

    /// <summary>Creates and signs checkpoint <paramref name="number"/>.</summary>
    public static AuditCheckpoint Create(long number, long sequence, string headHash, DateTimeOffset time, string previousCheckpointHash, AuditKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var unsigned = new AuditCheckpoint(number, sequence, headHash, AuditChain.Normalize(time), previousCheckpointHash, key.KeyId, string.Empty);
        return unsigned with { Signature = key.Sign(unsigned.Payload) };
    }
}

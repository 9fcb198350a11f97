using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Rag.Core.Audit;

namespace Rag.Audit.Signing;

/// <summary>
/// The keyed MAC every record carries: <c>HMAC-SHA256(K, "rag-audit-mac-1|" + sequence + "|" + hash)</c>, where K is
/// derived from the signing key (HKDF-SHA256, info <c>rag-audit-record-mac-1</c>). The record's hash already covers its
/// content and its link, so the MAC binds both to "written by a process that holds the signing key". Someone who can
/// write <c>audit.db</c> but does not hold the key can compute hashes but not MACs, so a record they append or rewrite is
/// never vouched for, and no legitimate process extends or signs it. Verifying a MAC needs the private key; auditors with
/// only the public key rely on the signed checkpoints.
/// </summary>
public sealed class AuditRecordMac : IDisposable
{
    private const string Purpose = "rag-audit-record-mac-1";
    private readonly byte[] _key;

    private AuditRecordMac(byte[] key) => _key = key;

    /// <summary>The MAC key of <paramref name="signingKey"/> (which must hold the private key).</summary>
    /// <exception cref="InvalidOperationException">Only the public key was given.</exception>
    public static AuditRecordMac FromKey(AuditKey signingKey)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        return new AuditRecordMac(signingKey.DeriveSecret(Purpose, 32));
    }

    /// <summary>The MAC of the record at <paramref name="sequence"/> with hash <paramref name="hash"/>, as 64 lowercase hex digits.</summary>
    public string Compute(long sequence, string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var message = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"rag-audit-mac-1|{sequence}|{hash}"));
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, message));
    }

    /// <summary>True when <paramref name="record"/> carries the MAC of its own sequence number and hash.</summary>
    public bool Vouches(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Mac is not { Length: 64 } mac)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(record.Sequence, record.Hash)), Encoding.ASCII.GetBytes(mac));
    }

    /// <inheritdoc />
    public void Dispose() => CryptographicOperations.ZeroMemory(_key);
}

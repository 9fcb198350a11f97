using System.Security.Cryptography;
using System.Text;
using Rag.Core.Audit;

namespace Rag.Audit.Signing;

/// <summary>
/// The ECDSA P-256 key that signs audit checkpoints, purge markers and export manifests. It never lives in the audit
/// database: it comes from a key file or from configuration. Verifiers need only the public half.
/// </summary>
public sealed class AuditKey : IDisposable
{
    private readonly ECDsa _key;

    private AuditKey(ECDsa key, bool canSign)
    {
        _key = key;
        CanSign = canSign;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
        KeyId = Fingerprint[..16];
    }

    /// <summary>First 16 hex digits of <see cref="Fingerprint"/>: names the key in signed files.</summary>
    public string KeyId { get; }

    /// <summary>The SHA-256 of the public key (SubjectPublicKeyInfo, DER) as 64 lowercase hex digits: what <c>Rag:Audit:TrustedKeyFingerprint</c> pins.</summary>
    public string Fingerprint { get; }

    /// <summary>True when the private key is present.</summary>
    public bool CanSign { get; }

    /// <summary>A new random P-256 key.</summary>
    public static AuditKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), canSign: true);

    /// <summary>Loads a PEM private key (<c>BEGIN PRIVATE KEY</c> or <c>BEGIN EC PRIVATE KEY</c>) or a public key (<c>BEGIN PUBLIC KEY</c>).</summary>
    /// <exception cref="ArgumentException">The text holds no P-256 key.</exception>
    public static AuditKey FromPem(string pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            var oid = key.ExportParameters(false).Curve.Oid;
            if (oid?.Value != "1.2.840.10045.3.1.7" && oid?.FriendlyName is not ("nistP256" or "ECDSA_P256"))
            {
                throw new ArgumentException("The audit signing key must be ECDSA P-256.");
            }

            var canSign = pem.Contains("PRIVATE KEY", StringComparison.Ordinal);
            return new AuditKey(key, canSign);
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw new ArgumentException("The text is not a PEM ECDSA P-256 key: " + ex.Message, nameof(pem), ex);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The public key as PEM, to give to auditors.</summary>
    public string ExportPublicPem() => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>The private key as PKCS#8 PEM.</summary>
    public string ExportPrivatePem()
    {
        if (!CanSign)
        {
            throw new InvalidOperationException("This audit key holds only the public half.");
        }

        return _key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Signs the UTF-8 bytes of <paramref name="payload"/>; returns base64 (IEEE P1363, 64 bytes).</summary>
    public string Sign(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (!CanSign)
        {
            throw new InvalidOperationException("Signing needs the audit private key (Rag:Audit:SigningKeyFile or Rag:Audit:SigningKey); only the public key was given.");
        }

        return Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(payload), HashAlgorithmName.SHA256));
    }

    /// <summary>
    /// <paramref name="length"/> bytes derived from the private key with HKDF-SHA256 (<paramref name="purpose"/> as the info),
    /// so a second secret (e.g. the record MAC key) needs no second key file and is as hard to get as the signing key.
    /// </summary>
    internal byte[] DeriveSecret(string purpose, int length)
    {
        if (!CanSign)
        {
            throw new InvalidOperationException("Deriving a secret needs the audit private key (Rag:Audit:SigningKeyFile or Rag:Audit:SigningKey); only the public key was given.");
        }

        var parameters = _key.ExportParameters(includePrivateParameters: true);
        try
        {
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, parameters.D!, length, salt: [], info: Encoding.UTF8.GetBytes(purpose));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <summary>True when <paramref name="signature"/> (base64) is this key's signature of <paramref name="payload"/>.</summary>
    public bool Verify(string payload, string? signature)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var bytes = new byte[64];
        return Convert.TryFromBase64String(signature, bytes, out var written)
            && written == 64
            && _key.VerifyData(Encoding.UTF8.GetBytes(payload), bytes, HashAlgorithmName.SHA256);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}

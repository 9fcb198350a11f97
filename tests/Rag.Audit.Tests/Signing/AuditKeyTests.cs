using System.Security.Cryptography;
using Rag.Audit.Signing;
using Rag.Core.Audit;

namespace Rag.Audit.Tests.Signing;

public sealed class AuditKeyTests
{
    private const string Payload = "rag-audit-checkpoint-1|1|1000|abc";

    [Fact]
    public void Verify_OwnSignature_True()
    {
        using var key = AuditKey.Generate();

        var signature = key.Sign(Payload);

        Assert.True(key.CanSign);
        Assert.True(key.Verify(Payload, signature));
        Assert.Equal(64, Convert.FromBase64String(signature).Length);
    }

    [Fact]
    public void Verify_TamperedPayload_False()
    {
        using var key = AuditKey.Generate();
        var signature = key.Sign(Payload);

        Assert.False(key.Verify(Payload.Replace("1000", "1001", StringComparison.Ordinal), signature));
        Assert.False(key.Verify(Payload + " ", signature));
    }

    [Fact]
    public void Verify_TamperedOrMalformedSignature_False()
    {
        using var key = AuditKey.Generate();
        var bytes = Convert.FromBase64String(key.Sign(Payload));
        bytes[10] ^= 0x01;

        Assert.False(key.Verify(Payload, Convert.ToBase64String(bytes)));
        Assert.False(key.Verify(Payload, null));
        Assert.False(key.Verify(Payload, string.Empty));
        Assert.False(key.Verify(Payload, "not base64!"));
        Assert.False(key.Verify(Payload, Convert.ToBase64String(new byte[63])));
        Assert.False(key.Verify(Payload, Convert.ToBase64String(new byte[64])));
    }

    [Fact]
    public void Verify_AnotherKeysSignature_False()
    {
        using var key = AuditKey.Generate();
        using var other = AuditKey.Generate();

        Assert.False(key.Verify(Payload, other.Sign(Payload)));
    }

    [Fact]
    public void FromPem_PublicHalf_VerifiesButCannotSign()
    {
        using var key = AuditKey.Generate();
        var signature = key.Sign(Payload);

        using var publicOnly = AuditKey.FromPem(key.ExportPublicPem());

        Assert.False(publicOnly.CanSign);
        Assert.True(publicOnly.Verify(Payload, signature));
        Assert.Throws<InvalidOperationException>(() => publicOnly.Sign(Payload));
        Assert.Throws<InvalidOperationException>(() => publicOnly.ExportPrivatePem());
    }

    [Fact]
    public void FromPem_PrivateKeyInEitherFormat_CanSign()
    {
        using var key = AuditKey.Generate();
        using var ec = ECDsa.Create();
        ec.ImportFromPem(key.ExportPrivatePem());

        using var pkcs8 = AuditKey.FromPem(key.ExportPrivatePem());
        using var sec1 = AuditKey.FromPem(ec.ExportECPrivateKeyPem());

        Assert.True(pkcs8.CanSign);
        Assert.True(sec1.CanSign);
        Assert.True(key.Verify(Payload, pkcs8.Sign(Payload)));
        Assert.True(key.Verify(Payload, sec1.Sign(Payload)));
    }

    [Fact]
    public void FromPem_OtherCurve_ThrowsArgumentException()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => AuditKey.FromPem(p384.ExportSubjectPublicKeyInfoPem()));
        Assert.Throws<ArgumentException>(() => AuditKey.FromPem(p384.ExportPkcs8PrivateKeyPem()));
    }

    [Fact]
    public void FromPem_RsaKey_ThrowsArgumentException()
    {
        using var rsa = RSA.Create(2048);

        Assert.Throws<ArgumentException>(() => AuditKey.FromPem(rsa.ExportSubjectPublicKeyInfoPem()));
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")]
    [InlineData(" ")]
    public void FromPem_NoKey_ThrowsArgumentException(string pem) =>
        Assert.ThrowsAny<ArgumentException>(() => AuditKey.FromPem(pem));

    [Fact]
    public void KeyId_SameKeyAnyForm_IsStableAndNamesOnlyThatKey()
    {
        using var key = AuditKey.Generate();
        using var other = AuditKey.Generate();
        using var publicOnly = AuditKey.FromPem(key.ExportPublicPem());
        using var reloaded = AuditKey.FromPem(key.ExportPrivatePem());

        Assert.Matches("^[0-9a-f]{16}$", key.KeyId);
        Assert.Equal(key.KeyId, publicOnly.KeyId);
        Assert.Equal(key.KeyId, reloaded.KeyId);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(PemBody(key.ExportPublicPem()))))[..16], key.KeyId);
        Assert.NotEqual(key.KeyId, other.KeyId);
    }

    private static string PemBody(string pem) =>
        string.Concat(pem.Split('\n').Where(line => !line.StartsWith("-----", StringComparison.Ordinal)).Select(line => line.Trim()));
}

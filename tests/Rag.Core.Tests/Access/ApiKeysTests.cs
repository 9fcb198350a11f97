using Rag.Core.Access;

namespace Rag.Core.Tests.Access;

public sealed class ApiKeysTests
{
    [Fact]
    public void Create_ValidId_HasPrefixIdAndClaimsIt()
    {
        var key = ApiKeys.Create("svc.reports-1");

        Assert.StartsWith("rag_svc.reports-1_", key, StringComparison.Ordinal);
        Assert.Equal("svc.reports-1", ApiKeys.ClaimedId(key));
        Assert.Equal(64, ApiKeys.Sha256Hex(key).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("under_score")]
    public void Create_InvalidId_Throws(string id) =>
        Assert.Throws<ArgumentException>(() => ApiKeys.Create(id));

    [Theory]
    [InlineData(null)]
    [InlineData("sk-abc")]
    [InlineData("rag_")]
    [InlineData("rag__secret")]
    [InlineData("rag_bad!id_secret")]
    public void ClaimedId_NotOurFormat_IsNull(string? key) =>
        Assert.Null(ApiKeys.ClaimedId(key));

    [Fact]
    public void Sha256Hex_KnownVector()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeys.Sha256Hex("abc"));
    }
}

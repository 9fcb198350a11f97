using System.Security.Claims;
using Rag.Web.Authentication;
using Rag.Web.Authentication.External;

namespace Rag.Web.Tests.Authentication.External;

public sealed class ExternalClaimsMapperTests
{
    private static readonly OidcSignInOptions Options = new()
    {
        RoleMap = new(StringComparer.OrdinalIgnoreCase) { ["rag-admins"] = "admin", ["rag-users"] = "Employee" },
        GroupMap = new(StringComparer.OrdinalIgnoreCase) { ["0b6c-finance"] = "Finance" },
    };

    [Fact]
    public void Map_MappedRolesAndGroups_GivesRagRolesAndGroupNames()
    {
        var identity = ExternalClaimsMapper.Read(Token(("sub", "u1"), ("name", "U One"), ("roles", "rag-admins"), ("roles", "other-app"), ("groups", "0b6c-finance"), ("groups", "raw-id")), Options, "name");

        var principal = ExternalClaimsMapper.Map(identity, identity.Groups, Options, "oidc")!;

        Assert.Equal("oidc:u1", RagClaims.UserId(principal));
        Assert.Equal("U One", principal.Identity!.Name);
        Assert.Equal([RagRoles.Admin], principal.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.True(principal.IsInRole(RagRoles.Admin));
        Assert.Equal(["Finance", "raw-id"], RagClaims.GroupsOf(principal));
    }

    [Fact]
    public void Map_NoMappedRole_GivesNoPrincipal()
    {
        var identity = ExternalClaimsMapper.Read(Token(("sub", "u1"), ("roles", "other-app"), ("groups", "g")), Options, "name");

        Assert.Null(ExternalClaimsMapper.Map(identity, identity.Groups, Options, "oidc"));
    }

    [Fact]
    public void Read_EntraObjectId_IsTheSubject()
    {
        var identity = ExternalClaimsMapper.Read(Token(("sub", "pairwise"), ("oid", "object-id")), Options, "name");

        Assert.Equal("object-id", identity.Subject);
    }

    [Theory]
    [InlineData("_claim_names", "{\"groups\":\"src1\"}", true)]
    [InlineData("_claim_names", "{\"other\":\"src1\"}", false)]
    [InlineData("hasgroups", "true", true)]
    [InlineData("groups", "g1", false)]
    public void Read_OverageMarkers_AreRecognised(string type, string value, bool overage)
    {
        var identity = ExternalClaimsMapper.Read(Token(("sub", "u1"), (type, value)), Options, "name");

        Assert.Equal(overage, identity.GroupOverage);
    }

    [Fact]
    public void MapGroups_NameTheAppCannotStore_IsDropped()
    {
        Assert.Equal(["ok"], ExternalClaimsMapper.MapGroups(["ok", "bad\u200bname"], Options));
    }

    [Theory]
    [InlineData("/audit", "/audit")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData(null, "/")]
    public void LocalOrRoot_OnlyPathsOnThisApp(string? returnUrl, string expected)
    {
        Assert.Equal(expected, ExternalSignInEndpoints.LocalOrRoot(returnUrl));
    }

    private static ClaimsPrincipal Token(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));
}

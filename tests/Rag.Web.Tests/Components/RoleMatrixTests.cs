using System.Net;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.Components;

public sealed class RoleMatrixTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    [Theory]
    [MemberData(nameof(RoleMatrix.Cases), MemberType = typeof(RoleMatrix))]
    public async Task Page_EachRole_AllowedOrRefused(string path, string? role, bool allowed)
    {
        using var client = role is null
            ? SignedInClient.Anonymous(fixture.App.BaseAddress)
            : await SignedInClient.SignedInAsync(fixture.App.BaseAddress, AccountsFixture.UserOfRole[role], AccountsFixture.Password);

        using var response = await client.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative));

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("Not allowed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            return;
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        if (role is null)
        {
            Assert.StartsWith("/account/signin", location.AbsolutePath, StringComparison.Ordinal);
            return;
        }

        Assert.Equal("/account/denied", location.AbsolutePath);
        using var denied = await client.GetAsync(location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("Not allowed", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstAdmin_WithTheConfiguredPassword_OpensEveryPage()
    {
        using var client = await SignedInClient.SignedInAsync(fixture.App.BaseAddress, "admin", AccountsFixture.FirstAdminPassword);

        foreach (var (path, _) in RoleMatrix.Rows)
        {
            using var response = await client.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}

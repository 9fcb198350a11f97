using System.Net;
using Rag.Testing;
using Rag.Web.Authentication;

namespace Rag.Web.Tests.Workspaces.Documents;

/// <summary>/admin/sets, requested as each role through the real sign-in: only an admin gets the workspace.</summary>
public sealed class DocumentsPageAccessTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private CookieSignedInApp? _app;

    private CookieSignedInApp App => _app!;

    public async Task InitializeAsync()
    {
        _app = await CookieSignedInApp.StartAsync(_temp.Combine("data"));
        await App.CreateUserAsync("set-admin", [RagRoles.Admin], "it");
        await App.CreateUserAsync("employee", [RagRoles.Employee], "it");
        await App.CreateUserAsync("officer", [RagRoles.ComplianceOfficer], "it");
        await App.CreateUserAsync("both", [RagRoles.Employee, RagRoles.Admin], "it");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("set-admin")]
    [InlineData("both")]
    public async Task Get_Admin_WorkspaceShown(string user)
    {
        var client = await App.ClientFor(user);

        var page = await client.GetStringAsync("admin/sets");

        Assert.Contains("id=\"sets-heading\"", page, StringComparison.Ordinal);
        Assert.Contains("New set", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("employee")]
    [InlineData("officer")]
    public async Task Get_NotAdmin_NotAllowedAndNoWorkspace(string user)
    {
        var client = await App.ClientFor(user);

        using var response = await client.GetAsync("admin/sets");
        var page = await response.Content.ReadAsStringAsync();

        // Refused by the endpoint's authorization before any component runs: sent to the "not allowed" page.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"sets-heading\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("New set", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NotSignedIn_SentToSignIn()
    {
        var client = await App.ClientFor(null);

        using var response = await client.GetAsync("admin/sets");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/signin", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}

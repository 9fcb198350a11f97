using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.Authentication.External;

/// <summary>
/// Sign-in through a real OpenID Connect provider (npm oidc-provider on loopback) into the real app on real Kestrel:
/// the role and group mapping, the refusals, their audit records, and the guarded back-channel.
/// </summary>
public sealed class OidcSignInTests(OidcSignInFixture fixture) : IClassFixture<OidcSignInFixture>
{
    private RunningApp App => fixture.App;

    [Fact]
    public async Task SignIn_MappedAdmin_LandsWithMappedRoleAndGroups()
    {
        using var browser = new ProviderBrowser();

        using var response = await browser.SignInAsync(new Uri(App.BaseAddress, "account/external/oidc?returnUrl=/account/whoami"), "ada.admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Uri(App.BaseAddress, "account/whoami"), response.RequestMessage!.RequestUri);
        using var whoami = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("oidc:ada.admin", whoami.RootElement.GetProperty("id").GetString());
        Assert.Equal("Ada Admin", whoami.RootElement.GetProperty("name").GetString());
        Assert.Equal(["Admin"], whoami.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        // finance-readers is mapped to finance; the unmapped group keeps its id.
        Assert.Equal(["2f1c1e0a-unmapped-group", "finance"], whoami.RootElement.GetProperty("groups").EnumerateArray().Select(r => r.GetString()));
        var signIn = Assert.Single(await SignInRecordsAsync("oidc:ada.admin")).Event;
        Assert.Equal(AuditOutcomes.Ok, signIn.Outcome);
        Assert.Equal("oidc:ada.admin", signIn.Actor.Id);
        Assert.Equal(["Admin"], signIn.Actor.Roles);
    }

    [Fact]
    public async Task SignIn_SeveralMappedRoles_HoldsEach()
    {
        using var browser = new ProviderBrowser();

        using var response = await browser.SignInAsync(new Uri(App.BaseAddress, "account/external/oidc?returnUrl=/account/whoami"), "carl.compliance");

        using var whoami = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["ComplianceOfficer", "Employee"], whoami.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["handbook-readers"], whoami.RootElement.GetProperty("groups").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("nina.norole", "no-role", "Your account has no role in this app")]
    [InlineData("otto.overage", "group-overage", "your account is in too many groups; ask the admin to enable membership lookup")]
    public async Task SignIn_Refused_ShowsTheClearPageAndIsAudited(string login, string code, string message)
    {
        using var browser = new ProviderBrowser();

        using var response = await browser.SignInAsync(new Uri(App.BaseAddress, "account/external/oidc?returnUrl=/account/whoami"), login);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("/account/refused", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var denied = Assert.Single(await SignInRecordsAsync("oidc:" + login)).Event;
        Assert.Equal(AuditOutcomes.Denied, denied.Outcome);
        Assert.Equal("oidc:" + login, denied.Actor.Id);
        Assert.Contains(code, denied.Detail, StringComparison.Ordinal);
        // Not signed in: the app sends the browser to its sign-in page.
        using var whoami = await browser.GetAsync(new Uri(App.BaseAddress, "account/whoami"));
        Assert.Equal("/account/signin", whoami.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task SignIn_ReturnUrlOffSite_LandsOnTheAppInstead()
    {
        using var browser = new ProviderBrowser();

        using var response = await browser.SignInAsync(new Uri(App.BaseAddress, "account/external/oidc?returnUrl=//evil.example/"), "eve.employee");

        Assert.Equal(App.BaseAddress.Authority, response.RequestMessage!.RequestUri!.Authority);
    }

    [Fact]
    public async Task SignIn_ProviderError_IsRefusedAndAudited()
    {
        using var browser = new ProviderBrowser();

        // A callback the app never asked for (no correlation cookie) is what a forged or replayed answer looks like.
        using var response = await browser.GetAsync(new Uri(App.BaseAddress, "signin-oidc?code=forged&state=forged"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("did not complete", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(await SignInRecordsAsync("anonymous"), r => r.Event.Outcome == AuditOutcomes.Failed && r.Event.Detail!.Contains("\"scheme\":\"oidc\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Backchannel_Configured_GoesThroughTheEgressGuard()
    {
        var options = App.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get("oidc");

        Assert.Equal(["EgressGuardHandler"], BackchannelHandlers.Chain(options.Backchannel).Select(h => h.GetType().Name).Where(n => n == "EgressGuardHandler"));
        Assert.NotNull(options.ConfigurationManager);
    }

    /// <summary>This test's sign-in records: the class shares one app, so each test signs in as its own account.</summary>
    private async Task<IReadOnlyList<AuditRecord>> SignInRecordsAsync(string actorId) =>
        [.. (await App.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Action = AuditActions.SignIn, PageSize = 500 })).Records
            .Where(r => r.Event.Actor.Id == actorId)];
}

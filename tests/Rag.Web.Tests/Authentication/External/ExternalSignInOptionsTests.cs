using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Testing;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.Authentication.External;

/// <summary>External sign-in settings are checked at start-up, the provider's host against the egress guard included.</summary>
public sealed class ExternalSignInOptionsTests : IDisposable
{
    private const string Oidc = "Rag:Web:Authentication:Oidc:";
    private const string Entra = "Rag:Web:Authentication:EntraId:";

    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task StartAsync_AuthorityTheGuardRefuses_FailsNamingTheKeyAndAuditsEgressBlocked()
    {
        await using var app = RunningApp.Build(_temp.Combine("data"), OidcSettings("https://idp.corp.example/realms/rag"));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(failure.Failures, f => f.StartsWith("Rag:Web:Authentication:Oidc:Authority idp.corp.example is refused by the egress guard:", StringComparison.Ordinal)
            && f.EndsWith("Add the host to Rag:Egress:AllowedHosts (see docs/web-signin.md).", StringComparison.Ordinal));
        var blocked = Assert.Single((await app.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Action = AuditActions.EgressBlocked })).Records).Event;
        Assert.Equal("system:signin-oidc", blocked.Actor.Id);
    }

    [Fact]
    public async Task StartAsync_AuthorityOnPlainHttpOffLoopback_FailsNamingTheKey()
    {
        var settings = OidcSettings("http://idp.corp.example/realms/rag");
        settings["Rag:Egress:AllowedHosts:0"] = "idp.corp.example";
        await using var app = RunningApp.Build(_temp.Combine("data"), settings);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(failure.Failures, f => f.StartsWith("Rag:Web:Authentication:Oidc:Authority must use https", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("RoleMap:rag-admins", "Superuser", "Rag:Web:Authentication:Oidc:RoleMap:rag-admins is 'Superuser'; it must be one of Employee, Admin, ComplianceOfficer.")]
    [InlineData("ClientId", "", "Rag:Web:Authentication:Oidc:ClientId is required")]
    [InlineData("GroupMap:g1", "bad\u200bname", "Rag:Web:Authentication:Oidc:GroupMap:g1 is not a valid group name")]
    public async Task StartAsync_BadMapping_FailsNamingTheKey(string key, string value, string expected)
    {
        var settings = OidcSettings("http://127.0.0.1:9/");
        settings[Oidc + key] = value;
        await using var app = RunningApp.Build(_temp.Combine("data"), settings);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(failure.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_MembershipLookupWithoutGraphAllowed_FailsNamingGraph()
    {
        var settings = EntraSettings();
        settings[Entra + "ReadMembershipsOnOverage"] = "true";
        await using var app = RunningApp.Build(_temp.Combine("data"), settings);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(failure.Failures, f => f.StartsWith("Rag:Web:Authentication:EntraId:GraphBaseAddress graph.microsoft.com is refused by the egress guard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EntraIdBackchannel_Configured_GoesThroughTheEgressGuard()
    {
        await using var app = RunningApp.Build(_temp.Combine("data"), EntraSettings());

        var options = app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get("entra");

        Assert.Contains(BackchannelHandlers.Chain(options.Backchannel), h => h.GetType().Name == "EgressGuardHandler");
        Assert.Equal("https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0", options.Authority);
        Assert.Equal("code", options.ResponseType);
    }

    public void Dispose() => _temp.Dispose();

    private static Dictionary<string, string?> OidcSettings(string authority) => new()
    {
        [Oidc + "Enabled"] = "true",
        [Oidc + "Authority"] = authority,
        [Oidc + "ClientId"] = "rag-web",
        [Oidc + "RoleMap:rag-admins"] = "Admin",
    };

    private static Dictionary<string, string?> EntraSettings() => new()
    {
        [Entra + "Enabled"] = "true",
        [Entra + "TenantId"] = "11111111-2222-3333-4444-555555555555",
        [Entra + "ClientId"] = "rag-web",
        [Entra + "ClientSecret"] = "not-a-real-secret",
        [Entra + "RoleMap:Rag.Admin"] = "Admin",
        ["Rag:Egress:AllowedHosts:0"] = "login.microsoftonline.com",
    };
}

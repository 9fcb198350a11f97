using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Rag.Web.Accounts;
using Rag.Web.Authentication;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.Workspaces.Documents;

/// <summary>
/// The real app on loopback with local accounts, and browser-like clients (each its own cookie jar) that sign in
/// through the real sign-in form (antiforgery token and all).
/// </summary>
internal sealed partial class CookieSignedInApp : IAsyncDisposable
{
    public const string Password = "Docs-Test-Password-42";

    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];

    private CookieSignedInApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<CookieSignedInApp> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Rag:Web:Accounts:InitialAdminPassword"] = Password,
        };
        var app = RunningApp.Build(dataDirectory, all);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CookieSignedInApp(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Creates local account <paramref name="name"/> with <paramref name="roles"/> in <paramref name="groups"/> (password <see cref="Password"/>).</summary>
    public async Task CreateUserAsync(string name, IReadOnlyCollection<string> roles, params string[] groups)
    {
        var admin = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, RagUser.IdPrefix + "admin"), new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, RagRoles.Admin)],
            "Test", ClaimTypes.Name, ClaimTypes.Role));
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<LocalAccounts>().CreateUserAsync(admin, name, Password, roles, groups);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    }

    /// <summary>A client signed in as local account <paramref name="name"/> through the sign-in form; not signed in when null.</summary>
    public async Task<HttpClient> ClientFor(string? name)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        _clients.Add(client);
        if (name is null)
        {
            return client;
        }

        var page = await client.GetStringAsync("account/signin");
        var fields = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.UserName"] = name;
        fields["Input.Password"] = Password;
        using var form = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync("account/signin", form);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}

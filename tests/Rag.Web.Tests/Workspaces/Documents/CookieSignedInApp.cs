using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Rag.Web.Authentication;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.Workspaces.Documents;

/// <summary>
/// The real app on loopback, plus one test-only endpoint (<see cref="SignInPath"/>, named as such) that issues the app's
/// real sign-in cookie for given claims, standing in for the sign-in page: the code under test sees exactly the
/// principal a signed-in user has. Each <see cref="ClientFor"/> is a browser-like client with its own cookie jar.
/// </summary>
internal sealed class CookieSignedInApp : IAsyncDisposable
{
    public const string SignInPath = "/test-only/signin";

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
        var app = RunningApp.Build(dataDirectory, settings ?? new Dictionary<string, string?>());
        app.MapPost(SignInPath, async (HttpContext context, string id, string roles, string groups) =>
        {
            var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id), new(ClaimTypes.Name, id) };
            claims.AddRange(roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(ClaimTypes.Role, r)));
            claims.AddRange(groups.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(g => new Claim(RagClaims.Groups, g)));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, IdentityConstants.ApplicationScheme, ClaimTypes.Name, ClaimTypes.Role));
            await context.SignInAsync(IdentityConstants.ApplicationScheme, principal);
            return Results.NoContent();
        }).AllowAnonymous().DisableAntiforgery();
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

    /// <summary>A client signed in as <paramref name="id"/> with <paramref name="roles"/> in <paramref name="groups"/>; not signed in when <paramref name="id"/> is null.</summary>
    public async Task<HttpClient> ClientFor(string? id, string roles = RagRoles.Employee, string groups = "")
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        _clients.Add(client);
        if (id is not null)
        {
            using var response = await client.PostAsync(
                $"{SignInPath}?id={Uri.EscapeDataString(id)}&roles={Uri.EscapeDataString(roles)}&groups={Uri.EscapeDataString(groups)}", content: null);
            response.EnsureSuccessStatusCode();
        }

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
}

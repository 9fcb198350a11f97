using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Audit;
using Rag.Testing;
using Rag.Web.Accounts;
using Rag.Web.Authentication;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.Accounts;

/// <summary>
/// Failed form sign-ins are limited per client address (<c>Rag:Web:Accounts:FailedSignInsPerAddress</c>), over real HTTP
/// against the real app: each test starts its own app, because every request comes from 127.0.0.1.
/// </summary>
public sealed class SignInThrottleTests : IDisposable
{
    private const string Password = "Correct-Horse-Battery-9";
    private const int Allowed = 5;

    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task SignIn_AllowanceUsedUp_RefusesTheRightPasswordUncheckedAndRecordsTheThrottlingOnce()
    {
        await using var app = await StartAsync(Allowed, TimeSpan.FromHours(1));
        var before = await SignInRecordsAsync(app);
        using var client = SignedInClient.Anonymous(app.BaseAddress);

        // A spray: unknown names and a known account, each request claiming another forwarded address (not trusted).
        string[] names = ["ghost-1", "bob", "ghost-2", "bob", "ghost-3"];
        for (var i = 0; i < names.Length; i++)
        {
            using var failed = await SignedInClient.PostFormAsync(client, names[i], "Wrong-Guess-Number-" + i, Forwarded(i));
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var right = await SignedInClient.PostFormAsync(client, "carol", Password, Forwarded(99));
        var page = await right.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("Too many failed sign-ins from your address; try again in 60 minutes.", page, StringComparison.Ordinal);
        Assert.True(right.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(59), $"Retry-After: {right.Headers.RetryAfter}");
        Assert.Contains("/account/signin", await ProtectedPageAsync(client), StringComparison.Ordinal);

        // Further attempts, right or wrong, known or unknown: refused alike, not checked, not recorded.
        for (var i = 0; i < 10; i++)
        {
            var (name, password) = (i % 3) switch { 0 => ("carol", "Wrong-Again-" + i), 1 => ("nobody-" + i, "Anything-" + i), _ => ("carol", Password) };
            using var refused = await SignedInClient.PostFormAsync(client, name, password);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        Assert.Equal(0, await AccessFailedCountAsync(app, "carol"));
        var added = (await SignInRecordsAsync(app)).Skip(before.Count).ToList();
        Assert.Equal(Allowed + 1, added.Count);
        Assert.All(added, r => Assert.Equal(AuditOutcomes.Denied, r.Outcome));
        Assert.All(added, r => Assert.Equal("127.0.0.1", r.ClientAddress));
        var throttled = Assert.Single(added, r => Reason(r) == LocalSignIn.ThrottledReason);
        Assert.Same(added[^1], throttled);
        Assert.Equal(Allowed, JsonDocument.Parse(throttled.Detail!).RootElement.GetProperty("failures").GetInt32());
    }

    [Fact]
    public async Task SignIn_SuccessesBetweenFailures_DoNotResetTheCount()
    {
        await using var app = await StartAsync(3, TimeSpan.FromHours(1));
        using var client = SignedInClient.Anonymous(app.BaseAddress);

        foreach (var (name, password, expected) in new[]
        {
            ("ghost", "Wrong-1", HttpStatusCode.Unauthorized),
            ("bob", Password, HttpStatusCode.Redirect),
            ("ghost", "Wrong-2", HttpStatusCode.Unauthorized),
            ("bob", Password, HttpStatusCode.Redirect),
            ("ghost", "Wrong-3", HttpStatusCode.Unauthorized),
            ("bob", Password, HttpStatusCode.TooManyRequests),
        })
        {
            using var response = await SignedInClient.PostFormAsync(client, name, password);
            Assert.Equal(expected, response.StatusCode);
        }
    }

    [Fact]
    public async Task SignIn_WindowOver_TheAddressMaySignInAgain()
    {
        var window = TimeSpan.FromSeconds(2);
        await using var app = await StartAsync(2, window);
        using var client = SignedInClient.Anonymous(app.BaseAddress);
        for (var i = 0; i < 2; i++)
        {
            using var failed = await SignedInClient.PostFormAsync(client, "carol", "Wrong-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using (var refused = await SignedInClient.PostFormAsync(client, "carol", Password))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("try again in 1 minute.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await Task.Delay(window + TimeSpan.FromSeconds(0.5));

        using var signedIn = await SignedInClient.PostFormAsync(client, "carol", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    public void Dispose() => _temp.Dispose();

    private async Task<RunningApp> StartAsync(int allowed, TimeSpan window)
    {
        var app = await RunningApp.StartAsync(_temp.Combine("data"), new Dictionary<string, string?>
        {
            ["Rag:Web:Accounts:InitialAdminPassword"] = "First-Admin-Password-1",
            ["Rag:Web:Accounts:FailedSignInsPerAddress"] = allowed.ToString(CultureInfo.InvariantCulture),
            ["Rag:Web:Accounts:FailedSignInWindow"] = window.ToString("c", CultureInfo.InvariantCulture),
        });
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<LocalAccounts>();
        foreach (var user in new[] { "bob", "carol" })
        {
            (await accounts.CreateUserAsync(AccountsFixture.AdminCaller(), user, Password, [RagRoles.Employee], [])).ThrowIfFailed("create " + user);
        }

        return app;
    }

    private static Dictionary<string, string> Forwarded(int i) => new() { ["X-Forwarded-For"] = "203.0.113." + i.ToString(CultureInfo.InvariantCulture) };

    private static async Task<string> ProtectedPageAsync(HttpClient client)
    {
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        return home.Headers.Location!.ToString();
    }

    private static async Task<List<AuditEvent>> SignInRecordsAsync(RunningApp app)
    {
        var page = await app.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Action = AuditActions.SignIn, PageSize = AuditQuery.MaxPageSize });
        return [.. page.Records.OrderBy(r => r.Sequence).Select(r => r.Event)];
    }

    private static string? Reason(AuditEvent record) =>
        JsonDocument.Parse(record.Detail!).RootElement.TryGetProperty("reason", out var reason) ? reason.GetString() : null;

    private static async Task<int> AccessFailedCountAsync(RunningApp app, string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<RagUser>>().FindByNameAsync(userName);
        return user!.AccessFailedCount;
    }
}

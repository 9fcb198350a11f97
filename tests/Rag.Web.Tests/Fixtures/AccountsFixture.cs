using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Rag.Testing;
using Rag.Web.Accounts;
using Rag.Web.Authentication;

namespace Rag.Web.Tests.Fixtures;

/// <summary>
/// The app over a fresh data directory with local accounts: the first admin (configured password, every role) and one
/// account per role. Shared by a test class; its tests only sign in and read pages, so they leave nothing another reads.
/// </summary>
public sealed class AccountsFixture : IAsyncLifetime, IDisposable
{
    public const string FirstAdminPassword = "First-Admin-Pass-1!";
    public const string Password = "Correct-Horse-42!";
    public const string FirstAdminGroup = "auditors";

    private readonly TempDirectory _temp = new();
    private RunningApp? _app;

    /// <summary>User name per role (the first admin "admin" holds all three).</summary>
    public static IReadOnlyDictionary<string, string> UserOfRole { get; } = new Dictionary<string, string>
    {
        [RagRoles.Employee] = "employee",
        [RagRoles.Admin] = "administrator",
        [RagRoles.ComplianceOfficer] = "compliance",
    };

    internal RunningApp App => _app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _app = await RunningApp.StartAsync(_temp.Combine("data"), new Dictionary<string, string?>
        {
            ["Rag:Web:Accounts:InitialAdminPassword"] = FirstAdminPassword,
            ["Rag:Web:Accounts:InitialAdminGroups:0"] = FirstAdminGroup,
        });
        await using var scope = _app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<LocalAccounts>();
        foreach (var (role, user) in UserOfRole)
        {
            var result = await accounts.CreateUserAsync(AdminCaller(), user, Password, [role], ["team-a"]);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>A principal holding the Admin role, as a signed-in admin's page passes it.</summary>
    internal static ClaimsPrincipal AdminCaller() => Caller(RagRoles.Admin);

    internal static ClaimsPrincipal Caller(params string[] roles) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "local:admin"), new Claim(ClaimTypes.Name, "admin"), .. roles.Select(r => new Claim(ClaimTypes.Role, r))],
        "test",
        ClaimTypes.Name,
        ClaimTypes.Role));
}

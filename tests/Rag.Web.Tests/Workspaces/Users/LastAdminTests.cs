using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Rag.Testing;
using Rag.Web.Accounts;
using Rag.Web.Authentication;
using Rag.Web.Tests.Fixtures;
using Rag.Web.Workspaces.Users;

namespace Rag.Web.Tests.Workspaces.Users;

/// <summary>
/// No change may leave no unlocked local account with the Admin role. Each test starts its own app (Identity over
/// SQLite, real Kestrel), whose only admin at first is the first admin <c>admin</c>.
/// </summary>
public sealed class LastAdminTests : IAsyncLifetime, IDisposable
{
    private const string Password = "Correct-Horse-Battery-9";
    private const string WouldLeaveNoAdmin = "would leave no unlocked account with the Admin role";

    // An admin signed in through an identity provider: not a local account, so never "the last admin" themself.
    private static readonly ClaimsPrincipal ProviderAdmin = Principal("oidc:boss");
    private static readonly ClaimsPrincipal FirstAdmin = Principal("local:admin");
    private static readonly ClaimsPrincipal Bea = Principal("local:bea.admin");

    private readonly TempDirectory _temp = new();
    private RunningApp? _app;

    private RunningApp App => _app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() =>
        _app = await RunningApp.StartAsync(_temp.Combine("data"), new Dictionary<string, string?>
        {
            ["Rag:Web:Accounts:InitialAdminPassword"] = "First-Admin-Password-1",
        });

    [Fact]
    public async Task SetRolesAsync_LastUnlockedAdmin_IsRefusedAndTheRoleStays()
    {
        var result = await WithAsync<LocalAccounts, LocalAccountResult>(accounts => accounts.SetRolesAsync(ProviderAdmin, "admin", [RagRoles.Employee]));

        Assert.Contains(WouldLeaveNoAdmin, Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.Contains(RagRoles.Admin, (await AccountAsync("admin")).Roles);
    }

    [Fact]
    public async Task SetLockedAsync_LastUnlockedAdmin_IsRefusedAndStaysUnlocked()
    {
        var result = await WithAsync<UserLocks, LocalAccountResult>(locks => locks.SetLockedAsync(ProviderAdmin, "admin", locked: true));

        Assert.Contains(WouldLeaveNoAdmin, Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.Null((await AccountAsync("admin")).LockedOutUntil);
    }

    [Fact]
    public async Task SetLockedAsync_OtherAdminsLocked_RefusesTheLastOneToAnAdminWhosePageIsStale()
    {
        await CreateAdminAsync("bea.admin");
        (await WithAsync<UserLocks, LocalAccountResult>(locks => locks.SetLockedAsync(FirstAdmin, "bea.admin", locked: true))).ThrowIfFailed("lock bea");

        // Bea's page still holds her Admin role until the next revalidation.
        var locking = await WithAsync<UserLocks, LocalAccountResult>(locks => locks.SetLockedAsync(Bea, "admin", locked: true));
        var demoting = await WithAsync<LocalAccounts, LocalAccountResult>(accounts => accounts.SetRolesAsync(Bea, "admin", [RagRoles.Employee]));

        Assert.Contains(WouldLeaveNoAdmin, Assert.Single(locking.Errors), StringComparison.Ordinal);
        Assert.Contains(WouldLeaveNoAdmin, Assert.Single(demoting.Errors), StringComparison.Ordinal);
        var admin = await AccountAsync("admin");
        Assert.Null(admin.LockedOutUntil);
        Assert.Contains(RagRoles.Admin, admin.Roles);
    }

    [Fact]
    public async Task SetLockedAsync_OtherAdminLockedWhileWaiting_WaitsForThatChangeAndIsRefused()
    {
        await CreateAdminAsync("bea.admin");
        var gate = App.Services.GetRequiredService<AdminChangeGate>();
        Task<LocalAccountResult>? beaLocksAdmin = null;

        // Two admins lock each other at once: the first admin's change holds the gate while Bea's starts.
        await gate.RunAsync(async () =>
        {
            beaLocksAdmin = WithAsync<UserLocks, LocalAccountResult>(locks => locks.SetLockedAsync(Bea, "admin", locked: true));
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            Assert.False(beaLocksAdmin.IsCompleted, "Bea's change did not wait for the one in progress.");
            await using var scope = App.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RagUser>>();
            var bea = await users.FindByNameAsync("bea.admin");
            Assert.True((await users.SetLockoutEndDateAsync(bea!, DateTimeOffset.MaxValue)).Succeeded);
            return true;
        });

        Assert.Contains(WouldLeaveNoAdmin, Assert.Single((await beaLocksAdmin!).Errors), StringComparison.Ordinal);
        Assert.Null((await AccountAsync("admin")).LockedOutUntil);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _temp.Dispose();

    private static ClaimsPrincipal Principal(string id) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, id), new Claim(ClaimTypes.Role, RagRoles.Admin)], "test", ClaimTypes.Name, ClaimTypes.Role));

    private async Task CreateAdminAsync(string userName) =>
        (await WithAsync<LocalAccounts, LocalAccountResult>(accounts => accounts.CreateUserAsync(ProviderAdmin, userName, Password, [RagRoles.Admin], []))).ThrowIfFailed("create " + userName);

    private async Task<LocalAccount> AccountAsync(string userName) =>
        Assert.Single(await WithAsync<LocalAccounts, IReadOnlyList<LocalAccount>>(accounts => accounts.ListUsersAsync(ProviderAdmin)), a => a.UserName == userName);

    // A scope per call, as each admin's page (circuit) has its own.
    private async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }
}

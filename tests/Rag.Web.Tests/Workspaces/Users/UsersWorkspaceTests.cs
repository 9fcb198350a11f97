using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Audit;
using Rag.Web.Accounts;
using Rag.Web.Authentication;
using Rag.Web.Tests.Fixtures;
using Rag.Web.Workspaces.Users;

namespace Rag.Web.Tests.Workspaces.Users;

/// <summary>
/// The Users page and its services against the real app (Identity over SQLite, real Kestrel): only an Admin may
/// manage accounts, and a role change or a lock reaches a signed-in user within <c>Rag:Web:Accounts:RevalidationInterval</c>.
/// </summary>
public sealed class UsersWorkspaceTests(UsersWorkspaceFixture fixture) : IClassFixture<UsersWorkspaceFixture>
{
    private const string Password = "Correct-Horse-Battery-9";

    private static readonly ClaimsPrincipal Admin = Principal("local:admin", RagRoles.Admin);

    [Fact]
    public async Task UsersPage_AdminSignedIn_ListsTheAccounts()
    {
        await CreateAsync("uma.admin", [RagRoles.Admin]);
        using var browser = new LocalSignInBrowser(fixture.App.BaseAddress);
        await browser.SignInAsync("uma.admin", Password);

        var (path, status, body) = await browser.OpenAsync("admin/users");

        Assert.Equal(("/admin/users", HttpStatusCode.OK), (path, status));
        Assert.Contains("All local users", body, StringComparison.Ordinal);
        Assert.Contains("uma.admin", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersPage_RoleRemoved_IsRefusedWithinTheRevalidationInterval()
    {
        await CreateAsync("rita.admin", [RagRoles.Admin, RagRoles.Employee]);
        using var browser = new LocalSignInBrowser(fixture.App.BaseAddress);
        await browser.SignInAsync("rita.admin", Password);
        Assert.Equal("/admin/users", (await browser.OpenAsync("admin/users")).Path);

        await WithAccountsAsync(async accounts => (await accounts.SetRolesAsync(Admin, "rita.admin", [RagRoles.Employee])).ThrowIfFailed("take the role"));
        await Task.Delay(UsersWorkspaceFixture.RevalidationInterval * 2);

        var (path, status, _) = await browser.OpenAsync("admin/users");
        Assert.Equal(("/account/denied", HttpStatusCode.Forbidden), (path, status));
        // The role that remains still opens its page.
        Assert.Equal("/", (await browser.OpenAsync("")).Path);
    }

    [Fact]
    public async Task SetLockedAsync_LockedUser_IsSignedOutWithinTheRevalidationInterval()
    {
        await CreateAsync("lars.employee", [RagRoles.Employee]);
        using var browser = new LocalSignInBrowser(fixture.App.BaseAddress);
        await browser.SignInAsync("lars.employee", Password);
        Assert.Equal("/", (await browser.OpenAsync("")).Path);

        await WithLocksAsync(async locks => (await locks.SetLockedAsync(Admin, "lars.employee", locked: true)).ThrowIfFailed("lock"));
        await Task.Delay(UsersWorkspaceFixture.RevalidationInterval * 2);

        Assert.Equal("/account/signin", (await browser.OpenAsync("")).Path);
        var page = await fixture.App.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Action = AuditActions.PermissionChanged, Target = "local:lars.employee" });
        Assert.Contains(page.Records, r => r.Event.Detail!.Contains("\"locked\":true", StringComparison.Ordinal));
        await Assert.ThrowsAsync<InvalidOperationException>(() => browser.SignInAsync("lars.employee", Password));
    }

    [Theory]
    [InlineData(RagRoles.Employee)]
    [InlineData(RagRoles.ComplianceOfficer)]
    public async Task SetLockedAsync_CallerNotAdmin_IsRefusedAndNothingChanges(string role)
    {
        await CreateAsync("nora." + role.ToLowerInvariant(), [RagRoles.Employee]);

        await WithLocksAsync(locks => Assert.ThrowsAsync<UnauthorizedAccessException>(() => locks.SetLockedAsync(Principal("local:mallory", role), "nora." + role.ToLowerInvariant(), locked: true)));

        await WithAccountsAsync(async accounts =>
            Assert.Null(Assert.Single(await accounts.ListUsersAsync(Admin), a => a.UserName == "nora." + role.ToLowerInvariant()).LockedOutUntil));
    }

    [Fact]
    public async Task SetLockedAsync_Self_IsRefused()
    {
        await CreateAsync("sam.admin", [RagRoles.Admin]);

        await WithLocksAsync(async locks =>
            Assert.Equal([AdminGuard.OwnLock], (await locks.SetLockedAsync(Principal("local:sam.admin", RagRoles.Admin), "sam.admin", locked: true)).Errors));
    }

    [Fact]
    public async Task SetRolesAsync_OwnAdminRole_IsRefusedAndTheRoleStays()
    {
        await CreateAsync("olga.admin", [RagRoles.Admin, RagRoles.Employee]);
        var olga = Principal("local:olga.admin", RagRoles.Admin);

        await WithAccountsAsync(async accounts =>
        {
            Assert.Equal([AdminGuard.OwnAdminRole], (await accounts.SetRolesAsync(olga, "olga.admin", [RagRoles.Employee])).Errors);
            // Her other roles are hers to change, as long as Admin stays.
            Assert.True((await accounts.SetRolesAsync(olga, "olga.admin", [RagRoles.Admin, RagRoles.ComplianceOfficer])).Succeeded);
            var roles = Assert.Single(await accounts.ListUsersAsync(Admin), a => a.UserName == "olga.admin").Roles;
            Assert.Equal([RagRoles.Admin, RagRoles.ComplianceOfficer], roles);
        });
    }

    private static ClaimsPrincipal Principal(string id, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, id), new Claim(ClaimTypes.Role, role)], "test", ClaimTypes.Name, ClaimTypes.Role));

    private Task CreateAsync(string userName, string[] roles) =>
        WithAccountsAsync(async accounts => (await accounts.CreateUserAsync(Admin, userName, Password, roles, ["handbook"])).ThrowIfFailed("create " + userName));

    private async Task WithAccountsAsync(Func<LocalAccounts, Task> action)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<LocalAccounts>());
    }

    private async Task WithLocksAsync(Func<UserLocks, Task> action)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<UserLocks>());
    }
}

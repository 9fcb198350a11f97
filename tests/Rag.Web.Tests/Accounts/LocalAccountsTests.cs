using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Rag.Web.Accounts;
using Rag.Web.Authentication;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.Accounts;

public sealed class LocalAccountsTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    [Theory]
    [InlineData(RagRoles.Employee)]
    [InlineData(RagRoles.ComplianceOfficer)]
    public async Task EveryMethod_CallerNotAdmin_IsRefusedAndChangesNothing(string role)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<LocalAccounts>();
        var caller = AccountsFixture.Caller(role);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => accounts.CreateUserAsync(caller, "intruder-" + role, AccountsFixture.Password, [RagRoles.Admin], []));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => accounts.SetRolesAsync(caller, "employee", [RagRoles.Admin]));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => accounts.SetGroupsAsync(caller, "employee", ["everything"]));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => accounts.ListUsersAsync(caller));

        var users = await accounts.ListUsersAsync(AccountsFixture.AdminCaller());
        Assert.DoesNotContain(users, u => u.UserName.StartsWith("intruder", StringComparison.Ordinal));
        Assert.Equal([RagRoles.Employee], users.Single(u => u.UserName == "employee").Roles);
    }

    [Fact]
    public async Task CreateUser_BadRoleGroupOrPassword_SaysWhyAndCreatesNothing()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<LocalAccounts>();
        var admin = AccountsFixture.AdminCaller();

        var badRole = await accounts.CreateUserAsync(admin, "bad-role", AccountsFixture.Password, ["Superuser"], []);
        var badGroup = await accounts.CreateUserAsync(admin, "bad-group", AccountsFixture.Password, [RagRoles.Employee], ["   "]);
        var weak = await accounts.CreateUserAsync(admin, "weak", "short", [RagRoles.Employee], []);

        Assert.Contains(badRole.Errors, e => e.Contains("Unknown role 'Superuser'", StringComparison.Ordinal));
        Assert.Contains(badGroup.Errors, e => e.Contains("group name", StringComparison.Ordinal));
        Assert.False(weak.Succeeded);
        var users = await accounts.ListUsersAsync(admin);
        Assert.DoesNotContain(users, u => u.UserName is "bad-role" or "bad-group" or "weak");
    }

    [Fact]
    public async Task SetGroups_ValidNames_ReplacesTheGroupsAndTheUserStillSignsIn()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<LocalAccounts>();
        var created = await accounts.CreateUserAsync(AccountsFixture.AdminCaller(), "regrouped", AccountsFixture.Password, [RagRoles.Employee], ["team-a"]);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));

        var changed = await accounts.SetGroupsAsync(AccountsFixture.AdminCaller(), "regrouped", ["Team-C", "team-d"]);

        Assert.True(changed.Succeeded, string.Join(" ", changed.Errors));
        var user = (await accounts.ListUsersAsync(AccountsFixture.AdminCaller())).Single(u => u.UserName == "regrouped");
        Assert.Equal(["Team-C", "team-d"], user.Groups);
        using var client = await SignedInClient.SignedInAsync(fixture.App.BaseAddress, "regrouped", AccountsFixture.Password);
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task FirstAdmin_InitialAdminGroupsConfigured_ReadsThoseGroups()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<LocalAccounts>();

        var admin = (await accounts.ListUsersAsync(AccountsFixture.AdminCaller())).Single(u => u.UserName == "admin");

        Assert.Equal([AccountsFixture.FirstAdminGroup], admin.Groups);
        Assert.Equal(RagRoles.All.Order(StringComparer.Ordinal), admin.Roles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AccountsDatabase_IsPrivate()
    {
        var path = fixture.App.Services.GetRequiredService<AccountsDatabase>().Path;

        Assert.True(File.Exists(path));
        Assert.Equal("accounts.db", Path.GetFileName(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path) & (UnixFileMode)0x1FF);
        }
    }
}

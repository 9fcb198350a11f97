using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Storage;
using Rag.Web.Authentication;
using Rag.Web.Hosting;

namespace Rag.Web.Accounts;

/// <summary>
/// On start: creates the accounts database (private, like rag.db) and the roles, and, when no user holds the Admin role,
/// the first admin <c>admin</c> with every role: with <see cref="AccountsOptions.InitialAdminPassword"/> when configured,
/// else a generated password printed once to standard output (never to a logger: logs are collected and kept).
/// </summary>
internal sealed class AccountsStartup(
    IServiceScopeFactory scopes,
    AccountsDatabase database,
    IOptions<AccountsOptions> options,
    IAuditLog audit,
    ILogger<AccountsStartup> logger) : IHostedService
{
    public const string FirstAdminName = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        PrivateFiles.EnsureDatabase(database.Path);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<AccountsDbContext>().Database.EnsureCreatedAsync(cancellationToken);
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in RagRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                LocalAccountResult.From(await roles.CreateAsync(new IdentityRole(role))).ThrowIfFailed($"create role {role}");
            }
        }

        var users = services.GetRequiredService<UserManager<RagUser>>();
        if ((await users.GetUsersInRoleAsync(RagRoles.Admin)).Count > 0)
        {
            return;
        }

        var configured = options.Value.InitialAdminPassword;
        var password = string.IsNullOrEmpty(configured) ? PasswordRule.Generate() : configured;
        var admin = await users.FindByNameAsync(FirstAdminName);
        if (admin is null)
        {
            admin = new RagUser(FirstAdminName);
            LocalAccountResult.From(await users.CreateAsync(admin, password)).ThrowIfFailed("create the first admin");
        }
        else
        {
            // A user "admin" without the Admin role (its role taken away, no admin left): it becomes the admin again, with the new password.
            LocalAccountResult.From(await users.RemovePasswordAsync(admin)).ThrowIfFailed("reset the first admin's password");
            LocalAccountResult.From(await users.AddPasswordAsync(admin, password)).ThrowIfFailed("reset the first admin's password");
        }

        var missing = new List<string>();
        foreach (var role in RagRoles.All)
        {
            if (!await users.IsInRoleAsync(admin, role))
            {
                missing.Add(role);
            }
        }

        LocalAccountResult.From(await users.AddToRolesAsync(admin, missing)).ThrowIfFailed("give the first admin its roles");
        var groups = options.Value.InitialAdminGroups.Select(g => NameKey.Normalize(g, "group")).Distinct(NameKey.Comparer).ToArray();
        var held = (await users.GetClaimsAsync(admin)).Where(c => c.Type == RagClaims.Groups).Select(c => c.Value).ToHashSet(NameKey.Comparer);
        var newGroups = groups.Where(g => !held.Contains(g)).Select(g => new System.Security.Claims.Claim(RagClaims.Groups, g)).ToArray();
        if (newGroups.Length > 0)
        {
            LocalAccountResult.From(await users.AddClaimsAsync(admin, newGroups)).ThrowIfFailed("give the first admin its groups");
        }

        await audit.AppendAsync(
            new AuditEvent(AuditActions.RoleChanged, AuditActor.System, [admin.Id], AuditOutcomes.Ok)
            {
                Detail = JsonSerializer.Serialize(new { reason = "first admin", roles = RagRoles.All, groups }),
            },
            cancellationToken);
        WebLog.FirstAdminCreated(logger, FirstAdminName, database.Path);
        if (string.IsNullOrEmpty(configured))
        {
            PrintOnce(password);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void PrintOnce(string password)
    {
        var line = new string('=', 72);
        Console.Out.WriteLine($"""
            {line}
             Rag: the first admin account was created. Sign in to the web app with
               user name: {FirstAdminName}
               password:  {password}
             This password is shown only now and is not logged: keep it in a password manager.
            {line}
            """);
        Console.Out.Flush();
    }
}

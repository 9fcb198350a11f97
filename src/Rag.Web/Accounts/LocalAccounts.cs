using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Web.Authentication;

namespace Rag.Web.Accounts;

/// <summary>
/// Creates local accounts and changes their roles and groups. Every method checks that <c>caller</c> holds the Admin
/// role (whatever page called it) and records each change in the audit trail. A signed-in user sees a change within
/// <see cref="AccountsOptions.RevalidationInterval"/> (cookie and circuit revalidation). Taking the Admin role is refused
/// from oneself and from the last unlocked admin (<see cref="AdminGuard"/>).
/// </summary>
internal sealed class LocalAccounts(UserManager<RagUser> users, AdminGuard guard, AdminChangeGate gate, IAuditLog audit)
{
    public async Task<LocalAccountResult> CreateUserAsync(
        ClaimsPrincipal caller, string userName, string password, IReadOnlyCollection<string> roles, IReadOnlyCollection<string> groups, CancellationToken cancellationToken = default)
    {
        EnsureAdmin(caller);
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        if (Check(roles, groups, out var normalizedGroups) is { } invalid)
        {
            return invalid;
        }

        var user = new RagUser(userName.Trim());
        var created = LocalAccountResult.From(await users.CreateAsync(user, password));
        if (!created.Succeeded)
        {
            return created;
        }

        var result = await SetAsync(user, roles, normalizedGroups);
        if (!result.Succeeded)
        {
            // Nothing half-made stays behind: the account goes again.
            await users.DeleteAsync(user);
            return result;
        }

        await RecordAsync(caller, AuditActions.RoleChanged, user, new { created = true, roles = roles.Order(StringComparer.Ordinal), groups = normalizedGroups }, cancellationToken);
        return result;
    }

    public async Task<LocalAccountResult> SetRolesAsync(ClaimsPrincipal caller, string userName, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        EnsureAdmin(caller);
        if (Check(roles, [], out _) is { } invalid)
        {
            return invalid;
        }

        return await gate.RunAsync(() => ChangeRolesAsync(caller, userName, roles, cancellationToken), cancellationToken);
    }

    public async Task<LocalAccountResult> SetGroupsAsync(ClaimsPrincipal caller, string userName, IReadOnlyCollection<string> groups, CancellationToken cancellationToken = default)
    {
        EnsureAdmin(caller);
        if (Check([], groups, out var normalized) is { } invalid)
        {
            return invalid;
        }

        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return LocalAccountResult.Failed($"No local account is named '{userName}'.");
        }

        var before = (await users.GetClaimsAsync(user)).Where(c => c.Type == RagClaims.Groups).Select(c => c.Value).Order(StringComparer.Ordinal).ToArray();
        var result = await ReplaceGroupsAsync(user, normalized);
        if (result.Succeeded)
        {
            await RecordAsync(caller, AuditActions.PermissionChanged, user, new { before, after = normalized }, cancellationToken);
        }

        return result;
    }

    public async Task<IReadOnlyList<LocalAccount>> ListUsersAsync(ClaimsPrincipal caller, CancellationToken cancellationToken = default)
    {
        EnsureAdmin(caller);
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var accounts = new List<LocalAccount>(all.Count);
        foreach (var user in all)
        {
            var roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToArray();
            var groups = (await users.GetClaimsAsync(user)).Where(c => c.Type == RagClaims.Groups).Select(c => c.Value).Order(StringComparer.Ordinal).ToArray();
            var lockedOut = user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : (DateTimeOffset?)null;
            accounts.Add(new LocalAccount(user.Id, user.UserName ?? user.Id, roles, groups, lockedOut));
        }

        return accounts;
    }

    private async Task<LocalAccountResult> ChangeRolesAsync(ClaimsPrincipal caller, string userName, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return LocalAccountResult.Failed($"No local account is named '{userName}'.");
        }

        var current = await users.GetRolesAsync(user);
        if (current.Contains(RagRoles.Admin, StringComparer.Ordinal) && !roles.Contains(RagRoles.Admin, StringComparer.Ordinal)
            && await guard.RemovingAdminAsync(caller, user, cancellationToken) is { } refusal)
        {
            return LocalAccountResult.Failed(refusal);
        }

        var result = LocalAccountResult.From(await users.RemoveFromRolesAsync(user, current.Except(roles, StringComparer.Ordinal)));
        if (result.Succeeded)
        {
            result = LocalAccountResult.From(await users.AddToRolesAsync(user, roles.Except(current, StringComparer.Ordinal)));
        }

        if (result.Succeeded)
        {
            await RecordAsync(caller, AuditActions.RoleChanged, user, new { before = current.Order(StringComparer.Ordinal), after = roles.Order(StringComparer.Ordinal) }, cancellationToken);
        }

        return result;
    }

    private static void EnsureAdmin(ClaimsPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Identity?.IsAuthenticated != true || !caller.IsInRole(RagRoles.Admin))
        {
            throw new UnauthorizedAccessException("Only an administrator (role Admin) may manage accounts.");
        }
    }

    private static LocalAccountResult? Check(IReadOnlyCollection<string> roles, IReadOnlyCollection<string> groups, out string[] normalizedGroups)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(groups);
        normalizedGroups = [];
        var errors = roles.Where(r => !RagRoles.All.Contains(r, StringComparer.Ordinal))
            .Select(r => $"Unknown role '{r}': use {string.Join(", ", RagRoles.All)}.").ToList();
        var normalized = new List<string>();
        foreach (var group in groups)
        {
            if (NameKey.TryNormalize(group ?? string.Empty, out var name, out var error))
            {
                normalized.Add(name);
            }
            else
            {
                errors.Add($"The group name {error}");
            }
        }

        normalizedGroups = [.. normalized.Distinct(NameKey.Comparer).Order(StringComparer.Ordinal)];
        return errors.Count == 0 ? null : new LocalAccountResult(errors);
    }

    private async Task<LocalAccountResult> SetAsync(RagUser user, IReadOnlyCollection<string> roles, string[] groups)
    {
        var result = LocalAccountResult.From(await users.AddToRolesAsync(user, roles.Distinct(StringComparer.Ordinal)));
        return result.Succeeded ? await ReplaceGroupsAsync(user, groups) : result;
    }

    private async Task<LocalAccountResult> ReplaceGroupsAsync(RagUser user, string[] groups)
    {
        var current = (await users.GetClaimsAsync(user)).Where(c => c.Type == RagClaims.Groups).ToArray();
        var result = LocalAccountResult.From(await users.RemoveClaimsAsync(user, current));
        return result.Succeeded ? LocalAccountResult.From(await users.AddClaimsAsync(user, groups.Select(g => new Claim(RagClaims.Groups, g)))) : result;
    }

    private async Task RecordAsync(ClaimsPrincipal caller, string action, RagUser user, object detail, CancellationToken cancellationToken) =>
        await audit.AppendAsync(new AuditEvent(action, RagClaims.Actor(caller), [user.Id], AuditOutcomes.Ok) { Detail = JsonSerializer.Serialize(detail) }, cancellationToken);
}

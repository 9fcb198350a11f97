using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Rag.Core.Audit;
using Rag.Web.Accounts;
using Rag.Web.Authentication;

namespace Rag.Web.Workspaces.Users;

/// <summary>
/// Locks and unlocks local accounts for the Users page. Only an Admin may (checked here, whatever the page shows); an
/// admin cannot lock themself, nor the last unlocked account with the Admin role (<see cref="AdminGuard"/>). Locking also renews the account's security stamp, so its open sessions end at the
/// next revalidation (<c>Rag:Web:Accounts:RevalidationInterval</c>). Every change is audited (<c>permission.changed</c>).
/// </summary>
internal sealed class UserLocks(UserManager<RagUser> users, AdminGuard guard, AdminChangeGate gate, IAuditLog audit)
{
    public async Task<LocalAccountResult> SetLockedAsync(ClaimsPrincipal caller, string userName, bool locked, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Identity?.IsAuthenticated != true || !caller.IsInRole(RagRoles.Admin))
        {
            throw new UnauthorizedAccessException("Only an administrator (role Admin) may lock or unlock accounts.");
        }

        return await gate.RunAsync(() => ChangeAsync(caller, userName, locked, cancellationToken), cancellationToken);
    }

    private async Task<LocalAccountResult> ChangeAsync(ClaimsPrincipal caller, string userName, bool locked, CancellationToken cancellationToken)
    {
        if (await users.FindByNameAsync(userName ?? string.Empty) is not { } user)
        {
            return LocalAccountResult.Failed($"No local account is named '{userName}'.");
        }

        if (locked && await guard.LockingAsync(caller, user, cancellationToken) is { } refusal)
        {
            return LocalAccountResult.Failed(refusal);
        }

        var result = LocalAccountResult.From(await users.SetLockoutEnabledAsync(user, true));
        if (result.Succeeded)
        {
            result = LocalAccountResult.From(await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null));
        }

        if (result.Succeeded)
        {
            result = LocalAccountResult.From(locked ? await users.UpdateSecurityStampAsync(user) : await users.ResetAccessFailedCountAsync(user));
        }

        if (result.Succeeded)
        {
            await audit.AppendAsync(
                new AuditEvent(AuditActions.PermissionChanged, RagClaims.Actor(caller), [user.Id], AuditOutcomes.Ok) { Detail = JsonSerializer.Serialize(new { locked }) },
                cancellationToken);
        }

        return result;
    }
}

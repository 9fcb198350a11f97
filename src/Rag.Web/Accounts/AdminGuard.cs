using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rag.Web.Authentication;

namespace Rag.Web.Accounts;

/// <summary>
/// Keeps someone able to manage the app: an admin may not take the Admin role from their own account nor lock it, and no
/// change may leave no unlocked local account with the Admin role (checked for every caller, an admin signed in through
/// an identity provider included: the provider's settings can change). Call it inside <see cref="AdminChangeGate"/>.
/// </summary>
internal sealed class AdminGuard(AccountsDbContext db, TimeProvider time)
{
    public const string OwnAdminRole = "You cannot remove the Admin role from your own account; another admin must do it.";

    public const string OwnLock = "You cannot lock your own account.";

    /// <summary>Why taking the Admin role from <paramref name="target"/> is refused, or null.</summary>
    public Task<string?> RemovingAdminAsync(ClaimsPrincipal caller, RagUser target, CancellationToken cancellationToken = default) =>
        RefusalAsync(caller, target, OwnAdminRole, $"Removing the Admin role from {target.UserName}", cancellationToken);

    /// <summary>Why locking <paramref name="target"/> is refused, or null.</summary>
    public Task<string?> LockingAsync(ClaimsPrincipal caller, RagUser target, CancellationToken cancellationToken = default) =>
        RefusalAsync(caller, target, OwnLock, $"Locking {target.UserName}", cancellationToken);

    private async Task<string?> RefusalAsync(ClaimsPrincipal caller, RagUser target, string ownRefusal, string change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(target);
        if (string.Equals(target.Id, RagClaims.UserId(caller), StringComparison.Ordinal))
        {
            return ownRefusal;
        }

        // Read from the database, not from entities this (possibly long-lived, per-circuit) context already tracks:
        // another admin's page may have changed them since.
        var admins = await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                join user in db.Users on userRole.UserId equals user.Id
                where role.Name == RagRoles.Admin
                select new { user.Id, user.LockoutEnabled, user.LockoutEnd })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var unlocked = admins.Where(a => !(a.LockoutEnabled && a.LockoutEnd is { } end && end > now)).Select(a => a.Id).ToList();
        var targetCounts = unlocked.Contains(target.Id, StringComparer.Ordinal);
        return targetCounts && unlocked.Count == 1
            ? $"{change} would leave no unlocked account with the Admin role, and then nobody could manage users. Give another account the Admin role (or unlock one) first."
            : null;
    }
}

using System.Security.Claims;
using Rag.Core.Access;
using Rag.Web.Authentication;

namespace Rag.Web.Workspaces.Users;

/// <summary>Whether a signed-in principal still matches its local account: same roles, same groups, not locked, not removed.</summary>
internal static class AccountSession
{
    public static async Task<bool> IsCurrentAsync(ClaimsPrincipal user, IUserAccountDirectory accounts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(accounts);
        if (user.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null || Authentication.External.ExternalCookieValidation.IsExternal(user))
        {
            // A provider's user carries the provider's roles and groups until the cookie expires (docs/web-signin.md).
            return id is not null;
        }

        if (await accounts.FindAsync(id, cancellationToken) is not { Locked: false } account)
        {
            return false;
        }

        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var groups = RagClaims.GroupsOf(user).ToHashSet(NameKey.Comparer);
        return roles.SetEquals(account.Roles) && groups.SetEquals(account.Groups);
    }
}

using System.Security.Claims;
using Rag.Core.Audit;
using Rag.Web.Authentication;

namespace Rag.Web.Workspaces.Documents;

/// <summary>
/// The server-side check every Documents service method makes before it does anything, whatever the page showed:
/// the caller must be signed in and hold <see cref="RagRoles.Admin"/>.
/// </summary>
internal static class DocumentsAccess
{
    /// <summary>The audit actor of an admin caller (id, name, groups and roles as they are now).</summary>
    /// <exception cref="UnauthorizedAccessException">The caller is not signed in or not an admin.</exception>
    public static AuditActor RequireAdmin(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(RagRoles.Admin))
        {
            throw new UnauthorizedAccessException("Managing document sets needs the Admin role.");
        }

        var actor = RagClaims.Actor(user);
        return actor with { Roles = [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] };
    }
}

using System.Security.Claims;
using Rag.Core.Audit;
using Rag.Web.Authentication;

namespace Rag.Web.Workspaces.Audit;

/// <summary>
/// The server-side check of every Audit workspace method: the caller must hold <see cref="RagRoles.ComplianceOfficer"/>,
/// whatever the page showed. An Employee or an Admin without that role is refused.
/// </summary>
internal static class ComplianceAccess
{
    /// <summary>Throws <see cref="UnauthorizedAccessException"/> unless <paramref name="user"/> is a signed-in compliance officer.</summary>
    public static void Demand(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(RagRoles.ComplianceOfficer))
        {
            throw new UnauthorizedAccessException($"Only a user with the role {RagRoles.ComplianceOfficer} may read, export or verify the audit log.");
        }
    }

    /// <summary>The caller as the audit trail records them: id, name, groups and roles at this moment.</summary>
    public static AuditActor Actor(ClaimsPrincipal user)
    {
        var actor = RagClaims.Actor(user);
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return actor with { Roles = roles };
    }
}

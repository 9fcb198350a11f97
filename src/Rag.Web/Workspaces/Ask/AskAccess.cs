using System.Security.Claims;
using Rag.Web.Authentication;

namespace Rag.Web.Workspaces.Ask;

/// <summary>
/// Who may use the Ask workspace, checked by every service method on the server whatever the page showed: a signed-in
/// user holding one of the roles that ask. What they may read is then their own groups' scope, nothing more.
/// </summary>
internal static class AskAccess
{
    /// <summary>The roles that may ask: all of them (the page says <c>[Authorize(Roles = RagRoles.AnyRole)]</c>).</summary>
    public static IReadOnlyList<string> Roles => RagRoles.All;

    /// <summary>Throws <see cref="UnauthorizedAccessException"/> unless <paramref name="user"/> may ask.</summary>
    public static void Demand(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || !Roles.Any(user.IsInRole))
        {
            throw new UnauthorizedAccessException("Asking needs a signed-in user with the Employee, Admin or ComplianceOfficer role.");
        }
    }
}

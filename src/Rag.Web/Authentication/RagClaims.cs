using System.Security.Claims;
using Rag.Core.Access;
using Rag.Core.Audit;

namespace Rag.Web.Authentication;

/// <summary>
/// What the app reads from a signed-in principal, whatever scheme made it: the user id (NameIdentifier), a display name
/// and <c>groups</c> claims (the claim Entra ID uses too).
/// </summary>
internal static class RagClaims
{
    public const string Groups = "groups";

    public static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The signed-in principal has no user id.");

    public static IReadOnlyList<string> GroupsOf(ClaimsPrincipal user) =>
        [.. user.FindAll(Groups).Select(c => c.Value).Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => NameKey.Normalize(g, "group")).Distinct(NameKey.Comparer).Order(StringComparer.Ordinal)];

    public static AccessScope Scope(ClaimsPrincipal user) => new(UserId(user), GroupsOf(user));

    public static AuditActor Actor(ClaimsPrincipal user)
    {
        var id = UserId(user);
        return new AuditActor(id, user.FindFirstValue(ClaimTypes.Name) ?? id, GroupsOf(user), []);
    }
}

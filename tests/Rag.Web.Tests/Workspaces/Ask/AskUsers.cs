using System.Security.Claims;

namespace Rag.Web.Tests.Workspaces.Ask;

/// <summary>Signed-in principals as the app's cookie sign-in makes them: user id, name, role and <c>groups</c> claims.</summary>
internal static class AskUsers
{
    public static ClaimsPrincipal Signed(string id, string role, params string[] groups)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id), new(ClaimTypes.Name, id) };
        if (role.Length > 0)
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        claims.AddRange(groups.Select(g => new Claim("groups", g)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test-sign-in"));
    }
}

using Rag.Web.Authentication;

namespace Rag.Web.Tests.Components;

/// <summary>
/// THE table of who may open what: one row per page or endpoint a browser reaches, with the roles allowed. Add a row
/// for every page or endpoint you add; <see cref="RoleMatrixTests"/> then proves each role gets it where allowed and is
/// refused everywhere else (anonymous: redirected to sign in; signed in without the role: 403 "not allowed").
/// </summary>
public static class RoleMatrix
{
    public static IReadOnlyList<(string Path, string[] Allowed)> Rows { get; } =
    [
        ("/", [RagRoles.Employee, RagRoles.Admin, RagRoles.ComplianceOfficer]),
        ("/admin/sets", [RagRoles.Admin]),
        ("/admin/users", [RagRoles.Admin]),
        ("/admin/status", [RagRoles.Admin]),
        ("/audit", [RagRoles.ComplianceOfficer]),
    ];

    /// <summary>Every (path, role, allowed) case; role null is an anonymous caller.</summary>
    public static TheoryData<string, string?, bool> Cases()
    {
        var cases = new TheoryData<string, string?, bool>();
        foreach (var (path, allowed) in Rows)
        {
            cases.Add(path, null, false);
            foreach (var role in RagRoles.All)
            {
                cases.Add(path, role, allowed.Contains(role));
            }
        }

        return cases;
    }
}

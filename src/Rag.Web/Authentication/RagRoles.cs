namespace Rag.Web.Authentication;

/// <summary>
/// The app's roles (claims of type <see cref="System.Security.Claims.ClaimTypes.Role"/>). A user may hold several.
/// Pages say <c>[Authorize(Roles = ...)]</c>; every service a page calls checks the caller's role again on the server.
/// </summary>
public static class RagRoles
{
    /// <summary>Asks questions (within the documents their groups may read).</summary>
    public const string Employee = "Employee";

    /// <summary>Manages document sets, uploads, users' roles and groups, and reads the status page.</summary>
    public const string Admin = "Admin";

    /// <summary>Reads, exports and verifies the audit log; asks only within its own groups.</summary>
    public const string ComplianceOfficer = "ComplianceOfficer";

    /// <summary>Any of the three roles, for <c>[Authorize(Roles = RagRoles.AnyRole)]</c> (the Ask page).</summary>
    public const string AnyRole = Employee + "," + Admin + "," + ComplianceOfficer;

    /// <summary>Every role, in the order the app lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Employee, Admin, ComplianceOfficer];
}

namespace Rag.Web.Authentication;

/// <summary>The app's roles, as <see cref="System.Security.Claims.ClaimTypes.Role"/> claims carry them.</summary>
public static class RagRoles
{
    /// <summary>Asks questions.</summary>
    public const string Employee = "Employee";

    /// <summary>Manages document sets, readers, uploads, users' group mapping and status.</summary>
    public const string Admin = "Admin";

    /// <summary>Reads, exports and verifies the audit log; asks only within its own groups.</summary>
    public const string ComplianceOfficer = "ComplianceOfficer";
}

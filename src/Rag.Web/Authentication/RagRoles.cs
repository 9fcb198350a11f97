namespace Rag.Web.Authentication;

/// <summary>The app's roles (role claims are <see cref="System.Security.Claims.ClaimTypes.Role"/>); a user may hold several.</summary>
public static class RagRoles
{
    /// <summary>Asks questions.</summary>
    public const string Employee = "Employee";

    /// <summary>Manages document sets, readers, uploads, users' group mapping; sees the status.</summary>
    public const string Admin = "Admin";

    /// <summary>Reads, exports and verifies the audit log; asks only within its own groups.</summary>
    public const string ComplianceOfficer = "ComplianceOfficer";
}

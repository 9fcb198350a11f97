namespace Rag.Web.Authentication;

/// <summary>The app's roles (<see cref="System.Security.Claims.ClaimTypes.Role"/> claims). A user may hold several.</summary>
public static class RagRoles
{
    /// <summary>Asks questions within the user's groups.</summary>
    public const string Employee = "Employee";

    /// <summary>Document sets, readers, uploads, users, status.</summary>
    public const string Admin = "Admin";

    /// <summary>Reads, exports and verifies the audit log; asks only within its own groups.</summary>
    public const string ComplianceOfficer = "ComplianceOfficer";

    /// <summary>Every role, in the order pages list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Employee, Admin, ComplianceOfficer];

    /// <summary>The role's canonical spelling when <paramref name="value"/> names one (case-insensitive); otherwise null.</summary>
    public static string? Canonical(string? value) => All.FirstOrDefault(r => string.Equals(r, value?.Trim(), StringComparison.OrdinalIgnoreCase));
}

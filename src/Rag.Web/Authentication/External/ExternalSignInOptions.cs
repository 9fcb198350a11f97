namespace Rag.Web.Authentication.External;

/// <summary>
/// What Entra ID and generic OpenID Connect sign-in share: the client, and how the provider's role and group claims
/// become Rag roles (<see cref="RagRoles"/>) and <c>groups</c> claims. Off unless <see cref="Enabled"/>.
/// </summary>
public abstract class ExternalSignInOptions
{
    /// <summary>Off by default: local accounts stay the embedded default.</summary>
    public bool Enabled { get; set; }

    /// <summary>The app's client id at the provider.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The client secret (prefer a file or environment variable; never logged or audited).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The sign-in button's text.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The claim that carries the provider's role values (Entra app roles: <c>roles</c>).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim that carries the user's group ids or names.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Provider role value → Rag role (Employee, Admin or ComplianceOfficer). Unmapped values give no role.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Provider group id → Rag group name; a group not listed is kept as its id.</summary>
    public Dictionary<string, string> GroupMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The configuration section, for messages.</summary>
    internal abstract string Section { get; }
}

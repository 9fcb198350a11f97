namespace Rag.Web.Authentication.External;

/// <summary>Microsoft Entra ID sign-in through Microsoft.Identity.Web: section <c>Rag:Web:Authentication:EntraId</c>.</summary>
public sealed class EntraIdSignInOptions : ExternalSignInOptions
{
    public const string SectionName = "Rag:Web:Authentication:EntraId";

    /// <summary>The cloud's sign-in host.</summary>
    public Uri Instance { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>The directory (tenant) id or domain.</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>A PKCS#12 certificate file used instead of <see cref="ExternalSignInOptions.ClientSecret"/>.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>The certificate file's password, if any.</summary>
    public string? ClientCertificatePassword { get; set; }

    /// <summary>
    /// On group overage (a user in more groups than fit in the token) read the memberships from Microsoft Graph;
    /// off: such a sign-in is refused with a clear message. Needs the Graph host in <c>Rag:Egress:AllowedHosts</c>.
    /// </summary>
    public bool ReadMembershipsOnOverage { get; set; }

    /// <summary>Microsoft Graph's address (national clouds have their own).</summary>
    public Uri GraphBaseAddress { get; set; } = new("https://graph.microsoft.com/");

    internal override string Section => SectionName;

    /// <summary>The issuer address Microsoft.Identity.Web signs in with.</summary>
    internal Uri Authority => new(Instance, TenantId.Trim() + "/v2.0");
}

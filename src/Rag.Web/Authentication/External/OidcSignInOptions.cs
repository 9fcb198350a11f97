namespace Rag.Web.Authentication.External;

/// <summary>Generic OpenID Connect sign-in (Keycloak, ADFS, any on-prem provider): section <c>Rag:Web:Authentication:Oidc</c>.</summary>
public sealed class OidcSignInOptions : ExternalSignInOptions
{
    public const string SectionName = "Rag:Web:Authentication:Oidc";

    /// <summary>The issuer; its discovery document is at <c>.well-known/openid-configuration</c> below it.</summary>
    public Uri? Authority { get; set; }

    /// <summary>Scopes asked for besides <c>openid</c> (add the one that releases roles and groups, if the provider has one).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The claim shown as the user's name.</summary>
    public string NameClaim { get; set; } = "name";

    internal override string Section => SectionName;
}

namespace Rag.Web.Authentication.External;

/// <summary>Scheme names and paths of external sign-in.</summary>
internal static class ExternalSignInDefaults
{
    public const string OidcScheme = "oidc";

    public const string EntraIdScheme = "entra";

    /// <summary>The egress component (audit actor <c>system:NAME</c>) of each scheme's back-channel.</summary>
    public const string OidcBackchannel = "signin-oidc";

    public const string EntraIdBackchannel = "signin-entra";

    /// <summary>The IHttpClientFactory client that reads group memberships from Microsoft Graph.</summary>
    public const string GraphClient = "graph";

    /// <summary>Starts a sign-in: <c>/account/external/{scheme}?returnUrl=/</c>.</summary>
    public const string ChallengePath = "/account/external";

    /// <summary>The page that says why a sign-in was refused.</summary>
    public const string RefusedPath = "/account/refused";
}

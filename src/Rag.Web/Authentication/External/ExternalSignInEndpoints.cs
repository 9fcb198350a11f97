using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Rag.Web.Authentication.External;

/// <summary>
/// <c>GET /account/external/{scheme}?returnUrl=/</c> starts an external sign-in (the refused page is
/// Components/Account/Pages/SignInRefused.razor); <c>GET /account/whoami</c> shows the signed-in user's id, roles and groups.
/// </summary>
internal static class ExternalSignInEndpoints
{
    public static IEndpointRouteBuilder MapExternalSignIn(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(ExternalSignInDefaults.ChallengePath + "/{scheme}", ChallengeAsync).AllowAnonymous();
        var signedIn = new AuthorizationPolicyBuilder(ExternalSignInServiceCollectionExtensions.CookieScheme).RequireAuthenticatedUser().Build();
        endpoints.MapGet("/account/whoami", WhoAmI).RequireAuthorization(signedIn);
        return endpoints;
    }

    private static async Task<IResult> ChallengeAsync(string scheme, string? returnUrl, IAuthenticationSchemeProvider schemes)
    {
        var known = scheme is ExternalSignInDefaults.OidcScheme or ExternalSignInDefaults.EntraIdScheme && await schemes.GetSchemeAsync(scheme) is not null;
        if (!known)
        {
            return Results.NotFound();
        }

        return Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrRoot(returnUrl) }, [scheme]);
    }

    private static IResult WhoAmI(ClaimsPrincipal user) => Results.Json(new
    {
        id = RagClaims.UserId(user),
        name = user.Identity?.Name,
        roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToArray(),
        groups = RagClaims.GroupsOf(user),
    });

    /// <summary>The address of the sign-in button for <paramref name="scheme"/>.</summary>
    public static string ChallengeAddress(string scheme, string? returnUrl) =>
        $"{ExternalSignInDefaults.ChallengePath.TrimStart('/')}/{Uri.EscapeDataString(scheme)}?returnUrl={Uri.EscapeDataString(LocalOrRoot(returnUrl))}";

    /// <summary>Only a path on this app: an absolute or protocol-relative address would make the sign-in an open redirect.</summary>
    internal static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}

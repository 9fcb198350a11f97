using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Rag.Web.Authentication.External;

/// <summary>
/// <c>GET /account/external/{scheme}?returnUrl=/</c> starts an external sign-in; <c>GET /account/refused?reason=</c>
/// says why one was refused; <c>GET /account/whoami</c> shows the signed-in user's id, roles and groups.
/// </summary>
internal static class ExternalSignInEndpoints
{
    public static IEndpointRouteBuilder MapExternalSignIn(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(ExternalSignInDefaults.ChallengePath + "/{scheme}", ChallengeAsync).AllowAnonymous();
        endpoints.MapGet(ExternalSignInDefaults.RefusedPath, Refused).AllowAnonymous();
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

    private static IResult Refused(string? reason)
    {
        var refusal = SignInRefusal.ByCode(reason);
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign-in refused</title></head>
            <body><main><h1>Sign-in refused</h1><p id="refusal" data-reason="{WebUtility.HtmlEncode(refusal.Code)}">{WebUtility.HtmlEncode(refusal.Message)}</p>
            <p><a href="/">Back to the start page</a></p></main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
    }

    private static IResult WhoAmI(ClaimsPrincipal user) => Results.Json(new
    {
        id = RagClaims.UserId(user),
        name = user.Identity?.Name,
        roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToArray(),
        groups = RagClaims.GroupsOf(user),
    });

    /// <summary>Only a path on this app: an absolute or protocol-relative address would make the sign-in an open redirect.</summary>
    internal static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}

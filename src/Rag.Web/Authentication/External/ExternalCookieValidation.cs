using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Rag.Web.Authentication.External;

/// <summary>
/// The sign-in cookie's validation (the local accounts' security stamp check) looks the user up among the local
/// accounts; a provider's user is not there and would be signed out. Such a principal skips it: its roles and groups
/// are the provider's, read again at its next sign-in.
/// </summary>
internal static class ExternalCookieValidation
{
    public static void SkipLocalAccountChecks(CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var local = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = context => IsExternal(context.Principal) ? Task.CompletedTask : local(context);
    }

    public static bool IsExternal(ClaimsPrincipal? principal) =>
        principal?.FindFirstValue(ClaimTypes.AuthenticationMethod) is ExternalSignInDefaults.OidcScheme or ExternalSignInDefaults.EntraIdScheme
        && principal.Identity?.AuthenticationType is ExternalSignInDefaults.OidcScheme or ExternalSignInDefaults.EntraIdScheme;
}

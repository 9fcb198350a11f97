using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Rag.Web.Authentication;

/// <summary>
/// Registers how callers sign in: API keys under <c>/v1</c> (the API's own scheme), the Identity cookie everywhere else,
/// chosen by one policy scheme; and the deny-by-default authorization policy (an endpoint without its own rule needs a
/// signed-in caller).
/// </summary>
internal static class SignInServiceCollectionExtensions
{
    public const string SignInPath = "/account/signin";
    public const string SignOutPath = "/account/signout";
    public const string DeniedPath = "/account/denied";

    public static IServiceCollection AddRagSignIn(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = RagSchemes.ApiOrCookie;
                options.DefaultChallengeScheme = RagSchemes.ApiOrCookie;
                options.DefaultForbidScheme = RagSchemes.ApiOrCookie;
            })
            .AddPolicyScheme(RagSchemes.ApiOrCookie, "API key (/v1) or sign-in cookie (pages)", options =>
                options.ForwardDefaultSelector = context => RagSchemes.IsApi(context) ? ApiKeyDefaults.Scheme : IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = SignInPath;
            cookie.LogoutPath = SignOutPath;
            cookie.AccessDeniedPath = DeniedPath;
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.Cookie.Name = "rag.signin";
            cookie.Cookie.HttpOnly = true;
            // Lax, not Strict: a sign-in through an identity provider comes back as a cross-site navigation, which must
            // carry the cookie; every state-changing request is a POST with an antiforgery token anyway.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
        });

        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(signedIn)
            .SetFallbackPolicy(signedIn);
        return services;
    }
}

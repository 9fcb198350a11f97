using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Rag.Web.Accounts;
using Rag.Web.Authentication;

namespace Rag.Web.Components;

/// <summary>Maps the app's pages, the files they load (from wwwroot, anonymous) and the sign-out endpoint.</summary>
internal static class WebAppEndpointRouteBuilderExtensions
{
    public static WebApplication MapRagWebApp(this WebApplication app)
    {
        // Bootstrap, icons, app.css and blazor.web.js: the sign-in page needs them before anyone is signed in.
        app.MapStaticAssets().AllowAnonymous();
        // frame-ancestors is in the app's own policy (SecurityHeaders): no second CSP header from Blazor.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);
        // A POST with the antiforgery token (the layout's form), so no other site can sign a user out.
        app.MapPost(SignInServiceCollectionExtensions.SignOutPath, async (SignInManager<RagUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~" + SignInServiceCollectionExtensions.SignInPath);
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()).AllowAnonymous();
        return app;
    }
}

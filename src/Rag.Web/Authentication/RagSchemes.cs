namespace Rag.Web.Authentication;

/// <summary>The app's default authentication scheme: it picks the API key scheme for the API and the sign-in cookie for pages.</summary>
internal static class RagSchemes
{
    /// <summary>The policy scheme every endpoint authenticates with by default.</summary>
    public const string ApiOrCookie = "ApiOrCookie";

    /// <summary>The API's path: callers there present API keys, never cookies (so a page's cookie cannot call the API, nor a key open a page).</summary>
    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/v1");
}

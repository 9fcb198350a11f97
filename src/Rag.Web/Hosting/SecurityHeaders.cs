namespace Rag.Web.Hosting;

/// <summary>The headers on every response: a Content-Security-Policy, no sniffing, no referrer, no caching.</summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// Pages: everything from this app only. Blazor Server needs nothing more: its script is a file from here, its
    /// circuit a WebSocket to here (connect-src 'self'), and it styles through classes and the CSSOM, never inline
    /// style elements, so no 'unsafe-inline' or 'unsafe-eval'. data: images are Bootstrap's inline SVG icons.
    /// </summary>
    public const string PagePolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>The API (and health) answer with data only: a browser may load nothing for them (answers are data, never markup).</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseRagSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            var path = context.Request.Path;
            headers.ContentSecurityPolicy = path.StartsWithSegments("/v1") || path.StartsWithSegments("/healthz") ? ApiPolicy : PagePolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            // Answers quote documents: no cache (browser, proxy) may keep a copy of any response.
            headers.CacheControl = "no-store";
            return next(context);
        });
}

using System.Security.Claims;
using Microsoft.Net.Http.Headers;
using Rag.Web.Hosting;

namespace Rag.Web.Workspaces.Documents;

/// <summary>
/// <c>GET /documents/{documentId}/file</c>: the original file of a document the signed-in caller may read (the Ask
/// page's citations link here); 404 for everything else, so a document's existence is not revealed. A PDF opens in the
/// browser (inline, so <c>#page=N</c> works); every other type downloads as an attachment. Never cached, never sniffed.
/// </summary>
internal static class DocumentFileEndpoint
{
    public const string Pattern = "/documents/{documentId}/file";

    public static IEndpointRouteBuilder MapDocumentFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Pattern, HandleAsync).RequireAuthorization();
        return endpoints;
    }

    /// <summary>The link to the file of <paramref name="documentId"/>.</summary>
    public static string PathFor(string documentId) => "/documents/" + Uri.EscapeDataString(documentId) + "/file";

    private static async Task<IResult> HandleAsync(string documentId, ClaimsPrincipal user, DocumentFiles files, HttpContext context)
    {
        var file = await files.OpenAsync(user, documentId, ClientAddress.Of(context), context.RequestAborted);
        if (file is null)
        {
            return Results.NotFound();
        }

        context.Response.RegisterForDisposeAsync(file);
        var pdf = string.Equals(file.Document.MediaType, "application/pdf", StringComparison.OrdinalIgnoreCase);
        var disposition = new ContentDispositionHeaderValue(pdf ? "inline" : "attachment");
        disposition.SetHttpFileName(Path.GetFileName(file.Document.SourcePath));
        context.Response.Headers.ContentDisposition = disposition.ToString();
        context.Response.Headers.XContentTypeOptions = "nosniff";
        // A document is data: it may load nothing from elsewhere, and only this app's own pages may frame it. The PDF
        // viewer of the browser needs its plugin ('self'); every other type gets nothing at all.
        context.Response.Headers.ContentSecurityPolicy = pdf ? "default-src 'self'; frame-ancestors 'self'" : "default-src 'none'; frame-ancestors 'self'";
        context.Response.Headers.CacheControl = "no-store";
        return Results.Stream(file.Content, ContentType(file.Document.MediaType));
    }

    // The media type the reader detected, when it is a plain type/subtype; anything else is served as opaque bytes.
    private static string ContentType(string? mediaType) =>
        MediaTypeHeaderValue.TryParse(mediaType, out var parsed) && parsed.MediaType.HasValue && !parsed.MatchesAllTypes && !parsed.MatchesAllSubTypes
            ? parsed.MediaType.Value!
            : "application/octet-stream";
}

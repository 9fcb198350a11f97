using Microsoft.Net.Http.Headers;

namespace Rag.Web.OpenAi;

/// <summary>The request body must be declared <c>application/json</c>; a charset, if given, must be UTF-8 (the only encoding JSON allows on the wire).</summary>
internal static class JsonContentType
{
    private const int MaxEchoedLength = 100;

    /// <summary>Null when <paramref name="contentType"/> is JSON, else the 415 to send.</summary>
    public static OpenAiError? Check(string? contentType)
    {
        if (MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            var charset = HeaderUtilities.RemoveQuotes(parsed.Charset);
            if (charset.Length == 0 || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        var given = string.IsNullOrEmpty(contentType) ? "none" : $"'{(contentType.Length > MaxEchoedLength ? contentType[..MaxEchoedLength] + "…" : contentType)}'";
        return new OpenAiError(
            StatusCodes.Status415UnsupportedMediaType,
            $"The request body must be sent as 'Content-Type: application/json' (charset utf-8 if any); the Content-Type was {given}.",
            "invalid_request_error",
            "unsupported_media_type");
    }
}

using System.Text.Json.Nodes;

namespace Rag.Web.OpenAi;

/// <summary>An error in OpenAI's shape: <c>{"error":{"message","type","param","code"}}</c>, so OpenAI clients show the message.</summary>
internal sealed record OpenAiError(int Status, string Message, string Type, string? Code, string? Param = null)
{
    public static OpenAiError BadRequest(string message, string code, string? param = null) =>
        new(StatusCodes.Status400BadRequest, message, "invalid_request_error", code, param);

    public JsonObject ToJson() => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = Message,
            ["type"] = Type,
            ["param"] = Param,
            ["code"] = Code,
        },
    };

    public Task WriteAsync(HttpContext context) => WriteAsync(context, Status, Message, Type, Code, Param);

    public static async Task WriteAsync(HttpContext context, int status, string message, string type, string? code, string? param = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(new OpenAiError(status, message, type, code, param).ToJson().ToJsonString(), context.RequestAborted);
    }
}

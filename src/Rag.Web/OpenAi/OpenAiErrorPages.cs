namespace Rag.Web.OpenAi;

/// <summary>Under <c>/v1</c>, errors the endpoints did not write themselves (unknown path, wrong method, a crash) also come in OpenAI's shape.</summary>
internal static class OpenAiErrorPages
{
    public static WebApplication UseOpenAiErrorPages(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/v1"), v1 =>
        {
            // The exception stays in the server log; the caller learns only that it failed.
            v1.UseExceptionHandler(handler => handler.Run(context =>
                OpenAiError.WriteAsync(context, StatusCodes.Status500InternalServerError, "The server failed to answer; the error is in its log.", "server_error", "internal_error")));
            v1.UseStatusCodePages(async pages =>
            {
                var context = pages.HttpContext;
                var (message, code) = context.Response.StatusCode switch
                {
                    StatusCodes.Status404NotFound => ($"Unknown path '{context.Request.Path}'. This server offers POST /v1/chat/completions and GET /v1/models.", "not_found"),
                    StatusCodes.Status405MethodNotAllowed => ($"{context.Request.Method} is not allowed on '{context.Request.Path}'.", "method_not_allowed"),
                    _ => ("The request failed.", "error"),
                };
                await OpenAiError.WriteAsync(context, context.Response.StatusCode, message, "invalid_request_error", code);
            });
        });
        return app;
    }
}

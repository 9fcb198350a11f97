namespace Rag.Web.OpenAi;

/// <summary>Maps the OpenAI-compatible API under <c>/v1</c>, for signed-in callers only.</summary>
internal static class OpenAiEndpointRouteBuilderExtensions
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapGroup("/v1").RequireAuthorization();
        v1.MapPost("/chat/completions", ChatCompletionsEndpoint.HandleAsync);
        v1.MapGet("/models", ModelsEndpoint.Handle);
        return endpoints;
    }
}

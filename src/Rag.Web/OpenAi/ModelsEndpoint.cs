using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Rag.Web.Api;

namespace Rag.Web.OpenAi;

/// <summary><c>GET /v1/models</c>: the one model this server offers.</summary>
internal static class ModelsEndpoint
{
    public static IResult Handle(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var list = new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(new JsonObject
            {
                ["id"] = options.Value.ModelId,
                ["object"] = "model",
                ["created"] = 0,
                ["owned_by"] = "rag",
            }),
        };
        return Results.Text(list.ToJsonString(), "application/json; charset=utf-8");
    }
}

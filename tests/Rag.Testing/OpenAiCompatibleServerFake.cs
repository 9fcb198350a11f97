using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Rag.Testing;

/// <summary>
/// A fake on-prem model server (vLLM, llama.cpp server and the like cannot run here, and no pretrained chat model
/// exists): real Kestrel on 127.0.0.1, speaking the OpenAI Chat Completions wire format, answering with scripted
/// pieces. Records every request body and Authorization header; can fail the first requests or answer slowly.
/// </summary>
public sealed class OpenAiCompatibleServerFake : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private OpenAiCompatibleServerFake(WebApplication app) => _app = app;

    /// <summary>The server's base address, ending in <c>/v1</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The answer, as the pieces it streams in (non-streaming requests get them joined).</summary>
    public IReadOnlyList<string> Pieces { get; set; } = ["Hello", " world"];

    /// <summary>This many first requests get HTTP 503.</summary>
    public int FailFirst { get; set; }

    /// <summary>
    /// When set, a streamed answer just ends after this many pieces: no finishing chunk, no <c>[DONE]</c> (what a
    /// client sees when a server or proxy dies mid-answer and closes the stream).
    /// </summary>
    public int? BreakAfterPieces { get; set; }

    /// <summary>
    /// When set, a streamed answer waits after its first piece until this task completes (at most 10 s), so a test can
    /// prove the client saw the first piece before the rest was sent. <see cref="HeldPieceReleasedInTime"/> says whether it did.
    /// </summary>
    public Task? HoldAfterFirstPiece { get; set; }

    /// <summary>False when <see cref="HoldAfterFirstPiece"/> had to time out.</summary>
    public bool HeldPieceReleasedInTime { get; private set; } = true;

    /// <summary>Waited before answering each request.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Every chat-completion request body, parsed.</summary>
    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    /// <summary>Every Authorization header value seen.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    /// <summary>Number of chat-completion requests received (failed ones included).</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<OpenAiCompatibleServerFake> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new OpenAiCompatibleServerFake(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer s ? s.Features.Get<IServerAddressesFeature>()!.Addresses.First() : throw new InvalidOperationException("No server.");
        server.Endpoint = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) ?? new JsonObject();
        Requests.Enqueue(body);
        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        var number = Interlocked.Increment(ref _requests);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        if (number <= FailFirst)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "model loading", type = "server_error" } });
            return;
        }

        var model = body["model"]?.GetValue<string>() ?? "fake";
        if (body["stream"]?.GetValue<bool>() == true)
        {
            context.Response.ContentType = "text/event-stream";
            for (var i = 0; i < Pieces.Count; i++)
            {
                if (i == BreakAfterPieces)
                {
                    return;
                }

                await WriteEventAsync(context, Chunk(model, new JsonObject { ["content"] = Pieces[i] }, null));
                if (i == 0 && HoldAfterFirstPiece is { } hold)
                {
                    HeldPieceReleasedInTime = await Task.WhenAny(hold, Task.Delay(TimeSpan.FromSeconds(10))) == hold;
                }
            }

            await WriteEventAsync(context, Chunk(model, new JsonObject(), "stop"));
            await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
            return;
        }

        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = string.Concat(Pieces) },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = Pieces.Count, ["total_tokens"] = 10 + Pieces.Count },
        });
    }

    private static JsonObject Chunk(string model, JsonObject delta, string? finish) => new()
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    };

    private static async Task WriteEventAsync(HttpContext context, JsonObject chunk)
    {
        await context.Response.WriteAsync("data: " + chunk.ToJsonString(JsonSerializerOptions.Default) + "\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}

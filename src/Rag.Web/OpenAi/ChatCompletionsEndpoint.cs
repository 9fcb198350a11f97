using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Rag.Core.Answers;
using Rag.Core.Audit;
using Rag.Web.Api;
using Rag.Web.Authentication;
using Rag.Web.Hosting;

namespace Rag.Web.OpenAi;

/// <summary>
/// <c>POST /v1/chat/completions</c>: the question pipeline behind OpenAI's Chat Completions wire format, as the
/// signed-in caller (their groups decide what is searched; every record carries them and the client address).
/// </summary>
internal static class ChatCompletionsEndpoint
{
    public static async Task HandleAsync(HttpContext http, QuestionService questions, IOptions<ApiOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(options);
        var api = options.Value;
        var (body, error) = JsonContentType.Check(http.Request.ContentType) is { } unsupported ? (null, unsupported) : await ReadBodyAsync(http, api.MaxRequestBodyBytes);
        if (error is not null)
        {
            await error.WriteAsync(http);
            return;
        }

        using (body)
        {
            var (request, invalid) = ChatCompletionParser.Parse(body!.RootElement, api);
            if (invalid is not null)
            {
                await invalid.WriteAsync(http);
                return;
            }

            var ask = new AskRequest(request!.Question) { History = request.History };
            var scope = RagClaims.Scope(http.User);
            var context = new AuditContext(RagClaims.Actor(http.User), ClientAddress.Of(http));
            var json = new ChatCompletionJson(api.ModelId, time);
            var logger = loggers.CreateLogger(typeof(ChatCompletionsEndpoint).FullName!);
            if (request.Stream)
            {
                await StreamAsync(http, questions.AskStreamingAsync(ask, scope, context, http.RequestAborted), json, logger);
                return;
            }

            Answer answer;
            try
            {
                answer = await questions.AskAsync(ask, scope, context, http.RequestAborted);
            }
            catch (AuditUnavailableException ex)
            {
                WebLog.QuestionRefused(logger, ex);
                await AuditRefusal().WriteAsync(http);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                WebLog.AnswerBrokeOff(logger, ex);
                await AnswerIncomplete().WriteAsync(http);
                return;
            }

            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(json.Completion(answer).ToJsonString(), http.RequestAborted);
        }
    }

    private static async Task StreamAsync(HttpContext http, IAsyncEnumerable<AnswerUpdate> updates, ChatCompletionJson json, ILogger logger)
    {
        await using var stream = updates.GetAsyncEnumerator(http.RequestAborted);
        bool more;
        try
        {
            // Nothing is sent until the question is on record, so a refusal can still be a proper 503.
            more = await stream.MoveNextAsync();
        }
        catch (AuditUnavailableException ex)
        {
            WebLog.QuestionRefused(logger, ex);
            await AuditRefusal().WriteAsync(http);
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await WriteEventAsync(http, json.RoleChunk());
        while (more)
        {
            var update = stream.Current;
            if (update.Text.Length > 0)
            {
                await WriteEventAsync(http, json.ContentChunk(update.Text));
            }

            if (update.Final is { } answer)
            {
                await WriteEventAsync(http, json.FinalChunk(answer));
                await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted);
                return;
            }

            try
            {
                more = await stream.MoveNextAsync();
            }
            catch (AuditUnavailableException ex)
            {
                // Headers are gone: the refusal travels as an error event, and no [DONE] follows.
                WebLog.QuestionRefused(logger, ex);
                await WriteEventAsync(http, AuditRefusal().ToJson());
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The model broke off mid-answer (what was shown is on the audit record): say so, without the
                // internal details (they are in the server's log), and no [DONE].
                WebLog.AnswerBrokeOff(logger, ex);
                await WriteEventAsync(http, AnswerIncomplete().ToJson());
                return;
            }
        }

        await WriteEventAsync(http, new OpenAiError(StatusCodes.Status500InternalServerError, "The answer ended without a final answer.", "server_error", "incomplete_answer").ToJson());
    }

    private const int MaxShownPath = 200;

    private static async Task<(JsonDocument? Body, OpenAiError? Error)> ReadBodyAsync(HttpContext http, long maxBytes)
    {
        var tooLarge = new OpenAiError(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {maxBytes} bytes (Rag:Api:MaxRequestBodyBytes).", "invalid_request_error", "request_too_large");
        if (http.Request.ContentLength > maxBytes)
        {
            return (null, tooLarge);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        try
        {
            var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            if (JsonStrings.FindInvalid(document.RootElement) is { } at)
            {
                document.Dispose();
                var shown = at.Length > MaxShownPath ? at[..MaxShownPath] + "…" : at;
                return (null, OpenAiError.BadRequest($"The request body is not valid JSON: the string at {shown} holds a lone surrogate (\\uD800-\\uDFFF unpaired) or bytes that are not UTF-8.", "invalid_json"));
            }

            return (document, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, tooLarge);
        }
        catch (JsonException ex)
        {
            return (null, OpenAiError.BadRequest("The request body is not valid JSON: " + ex.Message, "invalid_json"));
        }
    }

    private static OpenAiError AnswerIncomplete() =>
        new(StatusCodes.Status502BadGateway, "The answer model stopped before the answer was complete.", "server_error", "answer_incomplete");

    private static OpenAiError AuditRefusal() =>
        new(StatusCodes.Status503ServiceUnavailable, "The question was refused because the audit trail could not record it.", "server_error", "audit_unavailable");

    private static async Task WriteEventAsync(HttpContext http, JsonObject data)
    {
        await http.Response.WriteAsync("data: " + data.ToJsonString() + "\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
}

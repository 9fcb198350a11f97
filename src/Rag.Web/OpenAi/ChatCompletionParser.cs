using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Rag.Web.Api;

namespace Rag.Web.OpenAi;

/// <summary>
/// Reads an OpenAI Chat Completions request. The last user message is the question and earlier user and assistant
/// messages are the conversation. System and developer messages are ignored: the grounding prompt is the server's and
/// a client cannot replace or extend it. Sampling settings (temperature, max_tokens, ...) are accepted and ignored:
/// the server's answer settings apply.
/// </summary>
internal static class ChatCompletionParser
{
    public static (ChatCompletionRequest? Request, OpenAiError? Error) Parse(JsonElement root, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail("The request body must be a JSON object.", "invalid_request");
        }

        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String)
        {
            return Fail("'model' is required: a string naming the model (GET /v1/models lists it).", "missing_model", "model");
        }

        if (!string.Equals(model.GetString(), options.ModelId, StringComparison.OrdinalIgnoreCase))
        {
            return (null, new OpenAiError(StatusCodes.Status404NotFound, $"The model '{model.GetString()}' does not exist; this server offers '{options.ModelId}'.", "invalid_request_error", "model_not_found", "model"));
        }

        if (root.TryGetProperty("n", out var n) && n.ValueKind != JsonValueKind.Null && (n.ValueKind != JsonValueKind.Number || !n.TryGetInt32(out var count) || count != 1))
        {
            return Fail("'n' must be 1: the server gives one answer per question.", "invalid_n", "n");
        }

        var stream = false;
        if (root.TryGetProperty("stream", out var streamValue) && streamValue.ValueKind != JsonValueKind.Null)
        {
            if (streamValue.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Fail("'stream' must be true or false.", "invalid_stream", "stream");
            }

            stream = streamValue.GetBoolean();
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return Fail("'messages' is required: a non-empty array whose last user message is the question.", "missing_messages", "messages");
        }

        if (messages.GetArrayLength() > options.MaxMessages)
        {
            return Fail($"Too many messages: {messages.GetArrayLength()}, at most {options.MaxMessages}.", "too_many_messages", "messages");
        }

        var turns = new List<ChatMessage>();
        var ignored = 0;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"messages[{index++}]");
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var roleValue) || roleValue.ValueKind != JsonValueKind.String)
            {
                return Fail($"{at} must be an object with a string 'role'.", "invalid_message", at);
            }

            var role = roleValue.GetString();
            switch (role)
            {
                case "system" or "developer" or "tool" or "function":
                    ignored++;
                    continue;
                case "user" or "assistant":
                    break;
                default:
                    return Fail($"{at}.role '{role}' is not supported: use system, developer, user or assistant.", "invalid_role", at + ".role");
            }

            var (text, error) = Content(message, at);
            if (error is not null)
            {
                return (null, error);
            }

            turns.Add(new ChatMessage(role == "user" ? ChatRole.User : ChatRole.Assistant, text));
        }

        if (turns.Count == 0 || turns[^1].Role != ChatRole.User)
        {
            return Fail(turns.Any(t => t.Role == ChatRole.User)
                ? "The last message must be the user's question (a user message after any assistant message)."
                : "No user message: the last user message is the question.", "missing_user_message", "messages");
        }

        var question = turns[^1].Text.Trim();
        if (question.Length == 0)
        {
            return Fail("The question (the last user message) is empty.", "empty_question", "messages");
        }

        if (question.Length > options.MaxQuestionChars)
        {
            return Fail($"The question is {question.Length} characters long, at most {options.MaxQuestionChars}.", "question_too_long", "messages");
        }

        return (new ChatCompletionRequest(question, turns[..^1], stream, ignored), null);
    }

    /// <summary>A message's text: a string, an array of <c>{"type":"text","text":...}</c> parts (joined), or null/absent (empty).</summary>
    private static (string Text, OpenAiError? Error) Content(JsonElement message, string at)
    {
        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return (string.Empty, null);
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return (content.GetString()!, null);
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return (string.Empty, OpenAiError.BadRequest($"{at}.content must be a string or an array of text parts.", "invalid_content", at + ".content"));
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object
                || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "text"
                || !part.TryGetProperty("text", out var partText) || partText.ValueKind != JsonValueKind.String)
            {
                return (string.Empty, OpenAiError.BadRequest($"{at}.content: only text parts ({{\"type\":\"text\",\"text\":...}}) are supported.", "unsupported_content", at + ".content"));
            }

            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(partText.GetString());
        }

        return (text.ToString(), null);
    }

    private static (ChatCompletionRequest?, OpenAiError?) Fail(string message, string code, string? param = null) =>
        (null, OpenAiError.BadRequest(message, code, param));
}

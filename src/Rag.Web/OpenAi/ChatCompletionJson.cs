using System.Globalization;
using System.Text.Json.Nodes;
using Rag.Core.Answers;

namespace Rag.Web.OpenAi;

/// <summary>Chat-completion objects, whole and streamed, each with this app's extra top-level <c>rag</c> object on the last.</summary>
internal sealed class ChatCompletionJson(string model, TimeProvider time)
{
    private readonly string _id = "chatcmpl-" + Guid.NewGuid().ToString("N");
    private readonly long _created = time.GetUtcNow().ToUnixTimeSeconds();

    public JsonObject Completion(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var completion = Envelope("chat.completion");
        completion["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer.Text },
            ["finish_reason"] = "stop",
        });
        // Tokens are not counted by the extractive answerer; zeros say "not measured" to clients that require the object.
        completion["usage"] = new JsonObject { ["prompt_tokens"] = 0, ["completion_tokens"] = 0, ["total_tokens"] = 0 };
        completion["rag"] = Rag(answer);
        return completion;
    }

    public JsonObject RoleChunk() => Chunk(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null);

    public JsonObject ContentChunk(string text) => Chunk(new JsonObject { ["content"] = text }, null);

    public JsonObject FinalChunk(Answer answer)
    {
        var chunk = Chunk(new JsonObject(), "stop");
        chunk["rag"] = Rag(answer);
        return chunk;
    }

    /// <summary>The sources and checks behind an answer.</summary>
    public static JsonObject Rag(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var citations = new JsonArray();
        foreach (var c in answer.Citations)
        {
            citations.Add(new JsonObject
            {
                ["n"] = c.Number,
                ["documentId"] = c.DocumentId,
                ["title"] = c.Title,
                ["fileName"] = c.FileName,
                ["path"] = c.SourcePath,
                ["page"] = c.PageNumber,
                ["lastPage"] = c.LastPageNumber,
                ["chunkId"] = c.ChunkId.ToString("D", CultureInfo.InvariantCulture),
                ["score"] = Math.Round(c.Score, 4),
                ["snippet"] = c.Snippet,
            });
        }

        return new JsonObject
        {
            ["citations"] = citations,
            ["foundRelevant"] = answer.FoundRelevant,
            ["grounded"] = answer.Grounded,
            ["removedCitations"] = new JsonArray([.. answer.RemovedCitations.Select(n => (JsonNode?)n)]),
            ["notice"] = answer.Notice,
            ["answerModel"] = answer.ModelId,
        };
    }

    private JsonObject Chunk(JsonObject delta, string? finishReason)
    {
        var chunk = Envelope("chat.completion.chunk");
        chunk["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason });
        return chunk;
    }

    private JsonObject Envelope(string type) => new()
    {
        ["id"] = _id,
        ["object"] = type,
        ["created"] = _created,
        ["model"] = model,
    };
}

using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Rag.Core.Tests;

/// <summary>
/// Fake chat model (no pretrained model exists on this machine): streams <see cref="Pieces"/> as written and records
/// every conversation it was sent. Core unit tests only; real generators are tested in Rag.Onnx.Tests and Rag.Web.Tests.
/// </summary>
internal sealed class ScriptedChatClientFake(params string[] pieces) : IChatClient
{
    public IReadOnlyList<string> Pieces { get; } = pieces;

    public List<IReadOnlyList<ChatMessage>> Calls { get; } = [];

    /// <summary>Answers to non-streaming calls (the query rewrite).</summary>
    public string RewriteAnswer { get; set; } = "standalone query";

    /// <summary>Thrown after <see cref="FailAfterPieces"/> pieces (default: before the first) when set.</summary>
    public Exception? Failure { get; set; }

    /// <summary>The reason the last update gives for stopping; null for a stream that just ends (cut off).</summary>
    public ChatFinishReason? FinishReason { get; set; } = ChatFinishReason.Stop;

    /// <summary>How many pieces are streamed before <see cref="Failure"/> is thrown.</summary>
    public int FailAfterPieces { get; set; }

    /// <summary>Runs when the streaming call starts, before any piece (to observe what was audited by then).</summary>
    public Action? OnStreamStart { get; set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls.Add([.. messages]);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, RewriteAnswer)));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls.Add([.. messages]);
        OnStreamStart?.Invoke();
        for (var i = 0; i <= Pieces.Count; i++)
        {
            if (Failure is not null && i == FailAfterPieces)
            {
                throw Failure;
            }

            if (i == Pieces.Count)
            {
                if (FinishReason is { } finish)
                {
                    yield return new ChatResponseUpdate { Role = ChatRole.Assistant, FinishReason = finish };
                }

                break;
            }

            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, Pieces[i]);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("fake", null, "scripted-model") : null;

    public void Dispose()
    {
    }
}

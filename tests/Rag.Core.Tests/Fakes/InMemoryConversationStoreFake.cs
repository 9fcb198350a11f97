using Microsoft.Extensions.AI;
using Rag.Core.Conversations;

namespace Rag.Core.Tests;

/// <summary>Fake conversation store in memory (Core unit tests; the SQLite store is tested in Rag.Storage.Tests).</summary>
internal sealed class InMemoryConversationStoreFake : IConversationStore
{
    private readonly Dictionary<(string User, string Conversation), List<ChatMessage>> _turns = [];

    public Task<IReadOnlyList<ChatMessage>> LoadAsync(string userId, string conversationId, int maxMessages, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ChatMessage>>(_turns.TryGetValue((userId, conversationId), out var list) ? [.. list.TakeLast(maxMessages)] : []);

    public Task AppendAsync(string userId, string conversationId, string question, string answer, CancellationToken cancellationToken = default)
    {
        if (!_turns.TryGetValue((userId, conversationId), out var list))
        {
            _turns[(userId, conversationId)] = list = [];
        }

        list.Add(new ChatMessage(ChatRole.User, question));
        list.Add(new ChatMessage(ChatRole.Assistant, answer));
        return Task.CompletedTask;
    }
}

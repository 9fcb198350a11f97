using Rag.Core.Conversations;

namespace Rag.Core.Tests;

/// <summary>Fake conversation store in memory (Core unit tests; the SQLite store is tested in Rag.Storage.Tests).</summary>
internal sealed class InMemoryConversationStoreFake : IConversationStore
{
    private readonly Dictionary<(string User, string Conversation), List<ConversationTurn>> _turns = [];

    public Task<IReadOnlyList<ConversationTurn>> LoadAsync(string userId, string conversationId, int maxTurns, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ConversationTurn>>(_turns.TryGetValue((userId, conversationId), out var list) ? [.. list.TakeLast(maxTurns)] : []);

    public Task<IReadOnlyList<ConversationSummary>> ListAsync(string userId, int maxConversations, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ConversationSummary>>([.. _turns
            .Where(p => p.Key.User == userId && p.Value.Count > 0)
            .Select(p => new ConversationSummary(p.Key.Conversation, p.Value[0].Question, DateTimeOffset.UnixEpoch, p.Value.Count))
            .Take(maxConversations)]);

    public Task AppendAsync(string userId, string conversationId, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        if (!_turns.TryGetValue((userId, conversationId), out var list))
        {
            _turns[(userId, conversationId)] = list = [];
        }

        list.Add(turn);
        return Task.CompletedTask;
    }
}

using Microsoft.Extensions.AI;

namespace Rag.Core.Conversations;

/// <summary>
/// Conversations kept on the server, per user: a conversation id only ever finds the turns of the user who
/// wrote them, so guessing another user's id finds nothing.
/// </summary>
public interface IConversationStore
{
    /// <summary>The last <paramref name="maxMessages"/> messages of <paramref name="conversationId"/> for <paramref name="userId"/>, oldest first.</summary>
    Task<IReadOnlyList<ChatMessage>> LoadAsync(string userId, string conversationId, int maxMessages, CancellationToken cancellationToken = default);

    /// <summary>Appends one question and its answer.</summary>
    Task AppendAsync(string userId, string conversationId, string question, string answer, CancellationToken cancellationToken = default);
}

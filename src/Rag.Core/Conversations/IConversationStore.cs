namespace Rag.Core.Conversations;

/// <summary>
/// Conversations kept on the server, per user: a conversation id only ever finds the turns of the user who
/// wrote them, so guessing another user's id finds nothing. Each turn keeps the document sets its answer drew on,
/// so that a later question asked with other groups is not given what those groups may not read.
/// </summary>
public interface IConversationStore
{
    /// <summary>The last <paramref name="maxTurns"/> turns of <paramref name="conversationId"/> for <paramref name="userId"/>, oldest first.</summary>
    Task<IReadOnlyList<ConversationTurn>> LoadAsync(string userId, string conversationId, int maxTurns, CancellationToken cancellationToken = default);

    /// <summary>
    /// The conversations of <paramref name="userId"/> (never another user's), most recently active first, at most
    /// <paramref name="maxConversations"/>.
    /// </summary>
    Task<IReadOnlyList<ConversationSummary>> ListAsync(string userId, int maxConversations, CancellationToken cancellationToken = default);

    /// <summary>Appends one question, its answer and the sets the answer drew on.</summary>
    Task AppendAsync(string userId, string conversationId, ConversationTurn turn, CancellationToken cancellationToken = default);
}

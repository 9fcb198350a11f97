using Microsoft.Extensions.AI;

namespace Rag.Core.Answers;

/// <summary>A question, with the conversation it continues.</summary>
/// <param name="Question">The question as the user typed it.</param>
public sealed record AskRequest(string Question)
{
    /// <summary>
    /// Earlier turns of the conversation, oldest first (user and assistant messages; others are ignored).
    /// Callers that keep the conversation themselves (the OpenAI-compatible endpoint) pass it here.
    /// </summary>
    public IReadOnlyList<ChatMessage> History { get; init; } = [];

    /// <summary>
    /// A conversation kept on the server: its earlier turns are loaded for the asking user only, and this
    /// turn is appended. Null for a one-off question.
    /// </summary>
    public string? ConversationId { get; init; }
}

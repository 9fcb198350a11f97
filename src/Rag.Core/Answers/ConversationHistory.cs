using Microsoft.Extensions.AI;

namespace Rag.Core.Answers;

/// <summary>The earlier turns a question is read with, and how many stored turns were withheld from the caller.</summary>
/// <param name="Messages">User and assistant messages, oldest first, at most <see cref="AnswerOptions.MaxHistoryMessages"/>.</param>
/// <param name="Withheld">Stored turns left out because they drew on sets the caller may not read now.</param>
public sealed record ConversationHistory(IReadOnlyList<ChatMessage> Messages, int Withheld);

namespace Rag.Core.Conversations;

/// <summary>One question of a conversation and its answer, bound to the document sets the answer drew on.</summary>
/// <param name="Question">The question as the user asked it.</param>
/// <param name="Answer">The answer as it was given.</param>
/// <param name="SetNames">
/// The document sets whose text the answer may contain (the sources a model was given, or those quoted); empty when it
/// drew on none. A follow-up sees the turn only while its caller may read every one of them. Null for a turn stored
/// before sets were recorded: its scope is unknown, so it is never shown again.
/// </param>
public sealed record ConversationTurn(string Question, string Answer, IReadOnlyList<string>? SetNames);

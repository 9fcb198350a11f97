namespace Rag.Core.Conversations;

/// <summary>One of a user's conversations, as a list of conversations shows it.</summary>
/// <param name="ConversationId">The conversation's id.</param>
/// <param name="Title">Its first question (the earliest one still kept).</param>
/// <param name="LastActivity">When its latest turn was written.</param>
/// <param name="Turns">How many turns it holds.</param>
public sealed record ConversationSummary(string ConversationId, string Title, DateTimeOffset LastActivity, int Turns);

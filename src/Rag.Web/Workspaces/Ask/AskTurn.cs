namespace Rag.Web.Workspaces.Ask;

/// <summary>A stored turn of a resumed conversation.</summary>
/// <param name="Question">The question as asked.</param>
/// <param name="Answer">The answer given, or null when it is withheld.</param>
/// <param name="Withheld">
/// True when the answer drew on document sets the user may no longer read (or on sets unknown): its text is not shown
/// again, and follow-ups are not read with it either.
/// </param>
internal sealed record AskTurn(string Question, string? Answer, bool Withheld);

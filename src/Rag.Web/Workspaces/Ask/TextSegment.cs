namespace Rag.Web.Workspaces.Ask;

/// <summary>A piece of a snippet, rendered as text: highlighted when it is one of the question's terms.</summary>
public sealed record TextSegment(string Text, bool Highlighted);

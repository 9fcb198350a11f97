namespace Rag.Web.Workspaces.Ask;

/// <summary>A complete answer as the Ask page shows it.</summary>
/// <param name="Text">The answer (Markdown, cited with "[n]"); render it with <see cref="AnswerMarkdown"/> only.</param>
/// <param name="FoundRelevant">False when nothing the user may read was relevant (the text then says so).</param>
/// <param name="Citations">The numbered sources, in number order.</param>
public sealed record AskReply(string Text, bool FoundRelevant, IReadOnlyList<CitationView> Citations)
{
    /// <summary>False when a generated answer cites nothing it was given: shown with a warning.</summary>
    public bool Grounded { get; init; } = true;

    /// <summary>Something the reader should know about how the answer was made, or null.</summary>
    public string? Notice { get; init; }
}

namespace Rag.Web.Workspaces.Ask;

/// <summary>One step of a question asked on the Ask page, in the order the page shows them.</summary>
/// <param name="Kind">What this step carries.</param>
/// <param name="Text">For <see cref="AskUpdateKind.Text"/>: text to append; otherwise empty.</param>
internal sealed record AskUpdate(AskUpdateKind Kind, string Text)
{
    /// <summary>The conversation the question belongs to (a new one gets its id here).</summary>
    public required string ConversationId { get; init; }

    /// <summary>The complete answer; set for <see cref="AskUpdateKind.Answered"/> and <see cref="AskUpdateKind.NothingFound"/>.</summary>
    public AskReply? Reply { get; init; }

    /// <summary>Why the question failed; set for <see cref="AskUpdateKind.Failed"/>.</summary>
    public string? Error { get; init; }
}

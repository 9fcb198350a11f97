using Rag.Web.Workspaces.Ask;

namespace Rag.Web.Components.Pages.Ask;

/// <summary>One question of the message list and what the page knows of its answer so far (per circuit, never shared).</summary>
public sealed class ChatEntry(string question)
{
    public string Question { get; } = question;

    /// <summary>The answer's Markdown as far as it was written.</summary>
    public string Text { get; set; } = string.Empty;

    public ChatEntryState State { get; set; } = ChatEntryState.Answering;

    /// <summary>The complete answer with its citations, once answered.</summary>
    public AskReply? Reply { get; set; }

    public string? Error { get; set; }

    /// <summary>A short id for element ids and test selectors.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N")[..12];
}

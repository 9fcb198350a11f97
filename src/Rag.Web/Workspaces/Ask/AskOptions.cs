using System.ComponentModel.DataAnnotations;

namespace Rag.Web.Workspaces.Ask;

/// <summary>Settings of the Ask workspace (configuration section <c>Rag:Web:Ask</c>).</summary>
internal sealed class AskOptions
{
    public const string SectionName = "Rag:Web:Ask";

    /// <summary>Longest question, in characters; a longer one is refused with a message and kept in the box. Default 4000.</summary>
    [Range(1, 100_000, ErrorMessage = "Rag:Web:Ask:MaxQuestionChars must be between 1 and 100000.")]
    public int MaxQuestionChars { get; set; } = 4000;

    /// <summary>Most conversations listed in the sidebar (the most recently active). Default 50.</summary>
    [Range(1, 10_000, ErrorMessage = "Rag:Web:Ask:MaxConversationsListed must be between 1 and 10000.")]
    public int MaxConversationsListed { get; set; } = 50;

    /// <summary>Most turns of a conversation shown when it is resumed (the latest). Default 200.</summary>
    [Range(1, 10_000, ErrorMessage = "Rag:Web:Ask:MaxTurnsShown must be between 1 and 10000.")]
    public int MaxTurnsShown { get; set; } = 200;

    /// <summary>Least time between two renders of a streaming answer (tokens that come faster are shown together). Default 00:00:00.1.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05", ErrorMessage = "Rag:Web:Ask:RenderInterval must be between 00:00:00 and 00:00:05 (a TimeSpan, e.g. 00:00:00.1).")]
    public TimeSpan RenderInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}

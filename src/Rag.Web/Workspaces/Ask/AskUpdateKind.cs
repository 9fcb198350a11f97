namespace Rag.Web.Workspaces.Ask;

/// <summary>What an <see cref="AskUpdate"/> carries.</summary>
internal enum AskUpdateKind
{
    /// <summary>More answer text, to append to what is shown.</summary>
    Text,

    /// <summary>The answer is complete and on record: <see cref="AskUpdate.Reply"/> holds it with its citations.</summary>
    Answered,

    /// <summary>Nothing the user may read was relevant: no answer, shown as "not found in the documents".</summary>
    NothingFound,

    /// <summary>The question could not be answered; <see cref="AskUpdate.Error"/> says why (and what was shown is not an answer).</summary>
    Failed,
}

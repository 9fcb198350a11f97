namespace Rag.Web.Components.Pages.Ask;

/// <summary>Where one question of the message list stands.</summary>
public enum ChatEntryState
{
    /// <summary>Asked; the answer is streaming in.</summary>
    Answering,

    /// <summary>Answered, with its citations.</summary>
    Answered,

    /// <summary>Nothing the user may read was relevant.</summary>
    NothingFound,

    /// <summary>Could not be answered; <see cref="ChatEntry.Error"/> says why.</summary>
    Failed,

    /// <summary>An earlier turn of a resumed conversation (its text only; citations are not stored).</summary>
    Resumed,

    /// <summary>An earlier turn whose answer drew on documents the user may no longer read.</summary>
    Withheld,
}

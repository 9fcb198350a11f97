namespace Rag.Core.Answers;

/// <summary>A piece of a streamed answer.</summary>
/// <param name="Text">Text to append to what was shown so far (already stripped of invalid citations); may be empty.</param>
public sealed record AnswerUpdate(string Text)
{
    /// <summary>Set on the last update only, after the answer is on the audit record: the complete answer.</summary>
    public Answer? Final { get; init; }
}

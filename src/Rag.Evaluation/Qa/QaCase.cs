namespace Rag.Evaluation.Qa;

/// <summary>One question of an organisation's own question set (one line of the JSONL file).</summary>
/// <param name="Line">1-based line number in the file, for messages and the report.</param>
/// <param name="Id">Optional id given in the file.</param>
/// <param name="Question">The question, asked exactly as written.</param>
/// <param name="ExpectedDocuments">Documents that answer it (id, source path, file name, set/path or title); empty when not judged.</param>
/// <param name="ExpectedAnswerContains">Texts the answer must contain, every one of them; empty when not judged.</param>
/// <param name="ExpectNoAnswer">True when the asking groups must get "nothing found" (e.g. the answer is in a set they may not read).</param>
public sealed record QaCase(
    int Line,
    string? Id,
    string Question,
    IReadOnlyList<string> ExpectedDocuments,
    IReadOnlyList<string> ExpectedAnswerContains,
    bool ExpectNoAnswer)
{
    /// <summary>
    /// The conversation the question belongs to, or null for a one-off question: the questions of one conversation are
    /// asked in file order, each with the earlier turns (questions and answers) as its history.
    /// </summary>
    public string? Conversation { get; init; }

    /// <summary>True when the question changes the topic of its conversation: it must be answered exactly as if asked fresh.</summary>
    public bool TopicChange { get; init; }

    /// <summary>True when the case says anything that can be scored.</summary>
    public bool HasExpectations => ExpectedDocuments.Count > 0 || ExpectedAnswerContains.Count > 0 || ExpectNoAnswer;
}

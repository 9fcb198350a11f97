using Rag.Core.Answers;

namespace Rag.Evaluation.Qa;

/// <summary>One question's outcome: what was expected, what came back, and each check (null when the question does not judge it).</summary>
/// <param name="Line">Line in the question file.</param>
/// <param name="Id">Id from the file, if any.</param>
/// <param name="Question">The question.</param>
/// <param name="ExpectedDocuments">As in the file.</param>
/// <param name="ExpectedAnswerContains">As in the file.</param>
/// <param name="ExpectNoAnswer">As in the file.</param>
/// <param name="RetrievedDocuments">The top-k documents of the ranking.</param>
/// <param name="FirstExpectedRank">Rank of the first expected document in the whole retrieved ranking (may exceed k); null when none was retrieved or none is expected.</param>
/// <param name="Hit">An expected document is in the top k.</param>
/// <param name="ReciprocalRank">1 / rank of the first expected document within the top k, else 0.</param>
/// <param name="Answer">The answer text.</param>
/// <param name="Abstained">The answer said nothing relevant was found.</param>
/// <param name="Citations">The answer's citations.</param>
/// <param name="CitationsOnExpected">How many citations point at an expected document.</param>
/// <param name="AnswerContainsAll">The answer contains every expected text.</param>
/// <param name="MissingAnswerText">Expected texts the answer lacks.</param>
/// <param name="AbstainedAsExpected">For expectNoAnswer questions: the answer was "nothing found".</param>
/// <param name="Milliseconds">Time taken.</param>
public sealed record QaCaseResult(
    int Line,
    string? Id,
    string Question,
    IReadOnlyList<string> ExpectedDocuments,
    IReadOnlyList<string> ExpectedAnswerContains,
    bool ExpectNoAnswer,
    IReadOnlyList<QaRetrievedDocument> RetrievedDocuments,
    int? FirstExpectedRank,
    bool? Hit,
    double? ReciprocalRank,
    string Answer,
    bool Abstained,
    IReadOnlyList<QaCitationResult> Citations,
    int? CitationsOnExpected,
    bool? AnswerContainsAll,
    IReadOnlyList<string> MissingAnswerText,
    bool? AbstainedAsExpected,
    double Milliseconds)
{
    /// <summary>The first sentence of the answer (up to its first citation) contains every expected text; null when not judged or abstained.</summary>
    public bool? FirstSentenceContainsAll { get; init; }

    /// <summary>What the relevance gate decided for the question, with its signals.</summary>
    public RelevanceDecision? Relevance { get; init; }

    /// <summary>The conversation the question belongs to, or null.</summary>
    public string? Conversation { get; init; }

    /// <summary>True when the question was asked after earlier turns of its conversation.</summary>
    public bool FollowUp { get; init; }

    /// <summary>True when the question changes the topic of its conversation.</summary>
    public bool TopicChange { get; init; }

    /// <summary>For a topic change: the answer equals the answer to the question asked fresh.</summary>
    public bool? SameAsFresh { get; init; }

    /// <summary>Every check the question makes passed; for expected documents that means a hit and no citation elsewhere.</summary>
    public bool Passed =>
        Hit != false
        && (CitationsOnExpected is null || CitationsOnExpected == Citations.Count)
        && AnswerContainsAll != false
        && AbstainedAsExpected != false
        && SameAsFresh != false;
}

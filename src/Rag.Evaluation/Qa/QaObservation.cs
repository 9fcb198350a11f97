using Rag.Core.Answers;

namespace Rag.Evaluation.Qa;

/// <summary>What came back for one question.</summary>
/// <param name="RankedDocuments">Retrieved documents, best first, each once (ranked by its best chunk).</param>
/// <param name="Answer">The answer the user would have seen.</param>
/// <param name="Documents">Every document mentioned in the ranking or the citations, by document id.</param>
/// <param name="Milliseconds">Time the question took (ranking and answer).</param>
public sealed record QaObservation(
    IReadOnlyList<QaDocument> RankedDocuments,
    Answer Answer,
    IReadOnlyDictionary<string, QaDocument> Documents,
    double Milliseconds)
{
    /// <summary>What the relevance gate decided over the answer's retrieval, with its signals; null when not measured.</summary>
    public RelevanceDecision? Relevance { get; init; }

    /// <summary>For a question that changes the topic of a conversation: the answer equals the one to the question asked fresh.</summary>
    public bool? SameAsFresh { get; init; }
}

using Rag.Core.Answers;
using Rag.Core.Embeddings;
using Rag.Core.Retrieval;
using Rag.Core.Storage;
using Rag.Evaluation.Reporting;

namespace Rag.Evaluation.Qa;

/// <summary>What <c>rag eval qa --json</c> writes.</summary>
/// <param name="Environment">Machine, runtime and commit.</param>
/// <param name="QuestionFile">The question file as given.</param>
/// <param name="Actor">User id the questions were asked (and audited) as.</param>
/// <param name="Groups">Groups the questions were asked as.</param>
/// <param name="Index">Size of the evaluated index (all sets, not only the readable ones).</param>
/// <param name="Model">The embedding model of the index.</param>
/// <param name="Retrieval">Retrieval settings in force.</param>
/// <param name="Answering">Answer settings in force (they decide when the answer is "nothing found").</param>
/// <param name="RankingDepth">Chunks read per question to rank documents (the answer itself uses Retrieval.TopK).</param>
/// <param name="Summary">The metrics.</param>
/// <param name="Warnings">Warnings from the file and the run.</param>
/// <param name="Cases">Per-question results, in file order.</param>
public sealed record QaReport(
    RunEnvironment Environment,
    string QuestionFile,
    string Actor,
    IReadOnlyList<string> Groups,
    IndexStatistics Index,
    EmbeddingModelInfo? Model,
    RetrievalOptions Retrieval,
    AnswerOptions Answering,
    int RankingDepth,
    QaSummary Summary,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<QaCaseResult> Cases)
{
    /// <summary>Relevance gate settings in force (they decide, with Answering, when the answer is "nothing found").</summary>
    public RelevanceOptions? Relevance { get; init; }
}

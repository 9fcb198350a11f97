using Rag.Core.Retrieval;

namespace Rag.Core.Answers;

/// <summary>What <see cref="QuestionSearch"/> searched, found and decided.</summary>
/// <param name="Query">The query searched.</param>
/// <param name="Retrieved">The chunks found, best first.</param>
/// <param name="Decision">The relevance gate's decision over them.</param>
internal sealed record SearchOutcome(string Query, IReadOnlyList<RetrievedChunk> Retrieved, RelevanceDecision Decision);

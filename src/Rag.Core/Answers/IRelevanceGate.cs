using Rag.Core.Retrieval;

namespace Rag.Core.Answers;

/// <summary>
/// Decides, before a generator is called, whether retrieval found anything relevant to the question. When it did not,
/// the caller is told so and the model is not called (it could only guess). The seam where further signals
/// (keyword evidence, a reranker, calibrated thresholds) plug in; the default is <see cref="RelevanceGate"/>.
/// </summary>
public interface IRelevanceGate
{
    /// <summary>Decides whether <paramref name="retrieved"/> (best first) holds something relevant to <paramref name="query"/>.</summary>
    ValueTask<RelevanceDecision> DecideAsync(string query, IReadOnlyList<RetrievedChunk> retrieved, CancellationToken cancellationToken = default);
}

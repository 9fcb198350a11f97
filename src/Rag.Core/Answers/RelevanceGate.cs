using Microsoft.Extensions.Options;
using Rag.Core.Retrieval;

namespace Rag.Core.Answers;

/// <summary>
/// The default <see cref="IRelevanceGate"/>: something is relevant when a retrieved chunk's cosine similarity to the
/// query (<see cref="RetrievedChunk.DenseSimilarity"/>, from the one embedding of the query the dense search made)
/// reaches <see cref="RelevanceOptions.MinSimilarity"/>. Nothing is embedded again and no sentence is scored.
/// </summary>
/// <remarks>
/// In keyword-only retrieval no chunk has a similarity; a keyword match then counts as relevant and the grounded
/// prompt leaves the model to say when the sources do not answer.
/// </remarks>
public sealed class RelevanceGate : IRelevanceGate
{
    private readonly RelevanceOptions _options;

    /// <summary>Creates the gate.</summary>
    public RelevanceGate(IOptions<RelevanceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <inheritdoc />
    public ValueTask<RelevanceDecision> DecideAsync(string query, IReadOnlyList<RetrievedChunk> retrieved, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(retrieved);
        if (retrieved.Count == 0)
        {
            return ValueTask.FromResult(new RelevanceDecision(false, null));
        }

        double? best = null;
        foreach (var hit in retrieved)
        {
            if (hit.DenseSimilarity is { } similarity && (best is null || similarity > best))
            {
                best = similarity;
            }
        }

        return ValueTask.FromResult(new RelevanceDecision(best is null || best >= _options.MinSimilarity, best));
    }
}

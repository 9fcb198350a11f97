namespace Rag.Evaluation.Metrics;

/// <summary>
/// Relevance judgments: for each query id, the graded relevance of each judged document id. A grade of 0 or less
/// means judged not relevant (trec_eval's relevance level 1: only grades ≥ 1 count as relevant).
/// </summary>
public sealed class Qrels
{
    private readonly Dictionary<string, Dictionary<string, int>> _judgments;

    /// <summary>Creates judgments from query id → (document id → grade).</summary>
    public Qrels(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> judgments)
    {
        ArgumentNullException.ThrowIfNull(judgments);
        _judgments = judgments.ToDictionary(q => q.Key, q => q.Value.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>Query ids that have judgments.</summary>
    public IReadOnlyCollection<string> QueryIds => _judgments.Keys;

    /// <summary>The judgments of <paramref name="queryId"/> (empty when none).</summary>
    public IReadOnlyDictionary<string, int> For(string queryId) =>
        _judgments.TryGetValue(queryId, out var judged) ? judged : new Dictionary<string, int>();
}

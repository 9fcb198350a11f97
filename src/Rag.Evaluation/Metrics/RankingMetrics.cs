namespace Rag.Evaluation.Metrics;

/// <summary>
/// Per-query ranking metrics computed exactly as BEIR computes them with pytrec_eval (trec_eval 9.x):
/// <list type="bullet">
/// <item>The run is a map document id → score; it is ordered by score descending, ties broken by document id in
/// descending ordinal order (trec_eval's <c>comp_sim_docno</c>), not by the order the caller listed it.</item>
/// <item><c>ndcg_cut_k</c>: DCG = Σ<sub>i≤k</sub> grade<sub>i</sub> / log2(i + 1) with the grade itself as gain (not 2^grade − 1);
/// ideal DCG from the query's judged grades sorted descending, cut at k. Unjudged and grade ≤ 0 documents gain 0.</item>
/// <item><c>recall_k</c>: relevant (grade ≥ 1) documents in the top k / all relevant documents of the query.</item>
/// <item>MRR@k (BEIR's own <c>mrr</c>): 1 / rank of the first relevant document within the top k, else 0.</item>
/// </list>
/// </summary>
public static class RankingMetrics
{
    /// <summary>The run ordered as trec_eval orders it.</summary>
    public static IReadOnlyList<string> Order(IReadOnlyDictionary<string, double> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var ordered = run.ToList();
        ordered.Sort(static (a, b) =>
        {
            var byScore = b.Value.CompareTo(a.Value);
            return byScore != 0 ? byScore : string.CompareOrdinal(b.Key, a.Key);
        });
        return ordered.ConvertAll(e => e.Key);
    }

    /// <summary>nDCG@<paramref name="k"/> of one query; 0 when the query has no relevant document.</summary>
    public static double Ndcg(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judged, int k)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(judged);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranking.Count); i++)
        {
            if (judged.TryGetValue(ranking[i], out var grade) && grade > 0)
            {
                dcg += grade / Math.Log2(i + 2);
            }
        }

        var ideal = 0.0;
        var position = 0;
        foreach (var grade in judged.Values.Where(g => g > 0).OrderByDescending(g => g).Take(k))
        {
            ideal += grade / Math.Log2(position + 2);
            position++;
        }

        return ideal > 0 ? dcg / ideal : 0.0;
    }

    /// <summary>Recall@<paramref name="k"/> of one query; 0 when the query has no relevant document.</summary>
    public static double Recall(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judged, int k)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(judged);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var relevant = judged.Values.Count(g => g > 0);
        if (relevant == 0)
        {
            return 0.0;
        }

        var found = ranking.Take(k).Count(d => judged.TryGetValue(d, out var grade) && grade > 0);
        return (double)found / relevant;
    }

    /// <summary>Reciprocal rank of the first relevant document within the top <paramref name="k"/>, else 0.</summary>
    public static double ReciprocalRank(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judged, int k)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(judged);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        for (var i = 0; i < Math.Min(k, ranking.Count); i++)
        {
            if (judged.TryGetValue(ranking[i], out var grade) && grade > 0)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0.0;
    }
}

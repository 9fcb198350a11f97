namespace Rag.Evaluation.Metrics;

/// <summary>Mean metrics over the evaluated queries (BEIR: the mean over queries that have both a run and judgments).</summary>
/// <param name="Queries">How many queries were averaged.</param>
/// <param name="K">The cut-off of nDCG and MRR, and the first recall cut-off.</param>
/// <param name="Ndcg">Mean nDCG@K.</param>
/// <param name="RecallAtK">Mean Recall@K.</param>
/// <param name="RecallAt100">Mean Recall@100.</param>
/// <param name="Mrr">Mean MRR@K.</param>
public sealed record RetrievalScores(int Queries, int K, double Ndcg, double RecallAtK, double RecallAt100, double Mrr)
{
    /// <summary>Evaluates <paramref name="runs"/> (query id → document id → score) against <paramref name="qrels"/>.</summary>
    /// <param name="runs">The retrieval results per query.</param>
    /// <param name="qrels">The judgments.</param>
    /// <param name="k">nDCG/MRR/recall cut-off (BEIR reports 10).</param>
    /// <param name="ignoreIdenticalIds">BEIR's default: a retrieved document whose id equals the query id is dropped first.</param>
    public static RetrievalScores Evaluate(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> runs,
        Qrels qrels,
        int k = 10,
        bool ignoreIdenticalIds = true)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(qrels);
        int count = 0;
        double ndcg = 0, recallK = 0, recall100 = 0, mrr = 0;
        foreach (var queryId in runs.Keys.Where(q => qrels.QueryIds.Contains(q)).Order(StringComparer.Ordinal))
        {
            var run = runs[queryId];
            if (ignoreIdenticalIds && run.ContainsKey(queryId))
            {
                run = run.Where(d => d.Key != queryId).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
            }

            var ranking = RankingMetrics.Order(run);
            var judged = qrels.For(queryId);
            ndcg += RankingMetrics.Ndcg(ranking, judged, k);
            recallK += RankingMetrics.Recall(ranking, judged, k);
            recall100 += RankingMetrics.Recall(ranking, judged, 100);
            mrr += RankingMetrics.ReciprocalRank(ranking, judged, k);
            count++;
        }

        return count == 0
            ? new RetrievalScores(0, k, 0, 0, 0, 0)
            : new RetrievalScores(count, k, ndcg / count, recallK / count, recall100 / count, mrr / count);
    }
}

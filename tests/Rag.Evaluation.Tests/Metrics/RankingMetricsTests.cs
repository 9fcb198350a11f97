using Rag.Evaluation.Metrics;

namespace Rag.Evaluation.Tests.Metrics;

/// <summary>Hand-computed cases; each value is derived in the comment above its assertion.</summary>
public sealed class RankingMetricsTests
{
    private static readonly Dictionary<string, int> Graded = new(StringComparer.Ordinal) { ["d1"] = 2, ["d2"] = 1, ["d3"] = 0 };

    [Fact]
    public void Ndcg_GradedRelevance_MatchesHandComputation()
    {
        // Ranking d1 (grade 2), d4 (unjudged), d2 (grade 1):
        // DCG  = 2/log2(2) + 0/log2(3) + 1/log2(4) = 2 + 0 + 0.5 = 2.5
        // IDCG = 2/log2(2) + 1/log2(3)              = 2.6309297535714575 (the judged 0 adds nothing)
        var ndcg = RankingMetrics.Ndcg(["d1", "d4", "d2"], Graded, 10);

        Assert.Equal(2.5 / (2 + (1 / Math.Log2(3))), ndcg, 12);
        Assert.Equal(0.9502344167898356, ndcg, 12);
    }

    [Fact]
    public void Ndcg_UsesTheGradeAsGain_NotTwoToTheGradeMinusOne()
    {
        // trec_eval's ndcg_cut: gain = grade. Ranking B (1), A (3):
        // DCG = 1 + 3/log2(3) = 2.892789; IDCG = 3 + 1/log2(3) = 3.630930; nDCG = 0.7967075809905066.
        // With exponential gain (2^g - 1) it would be 0.7098, so this pins the trec_eval convention.
        var judged = new Dictionary<string, int>(StringComparer.Ordinal) { ["A"] = 3, ["B"] = 1 };

        Assert.Equal(0.7967075809905066, RankingMetrics.Ndcg(["B", "A"], judged, 10), 12);
    }

    [Fact]
    public void Ndcg_WrongRankingScoresLowerThanRightRanking()
    {
        var right = RankingMetrics.Ndcg(["d1", "d2", "d4"], Graded, 10);
        var wrong = RankingMetrics.Ndcg(["d4", "d2", "d1"], Graded, 10);

        Assert.Equal(1.0, right, 12);
        Assert.True(wrong < right, $"wrong ranking scored {wrong}, right ranking {right}");
    }

    [Fact]
    public void Ndcg_CutsAtK_AndIdealIsCutAtKToo()
    {
        // @1: d4 first gains nothing.
        Assert.Equal(0.0, RankingMetrics.Ndcg(["d4", "d1"], Graded, 1), 12);

        // @1 with d2 (grade 1) first: DCG = 1, IDCG@1 = 2 (only the best judged grade fits) → 0.5.
        Assert.Equal(0.5, RankingMetrics.Ndcg(["d2", "d1"], Graded, 1), 12);
    }

    [Fact]
    public void Ndcg_QueryWithoutRelevantDocuments_IsZero()
    {
        var judged = new Dictionary<string, int>(StringComparer.Ordinal) { ["x"] = 0 };

        Assert.Equal(0.0, RankingMetrics.Ndcg(["x"], judged, 10));
    }

    [Fact]
    public void Recall_CountsRelevantFoundInTopKOverAllRelevant()
    {
        // Two relevant (d1, d2); grade 0 is not relevant at trec_eval's relevance level 1.
        Assert.Equal(0.5, RankingMetrics.Recall(["d1", "d3", "d2"], Graded, 2), 12);
        Assert.Equal(1.0, RankingMetrics.Recall(["d1", "d3", "d2"], Graded, 3), 12);
        Assert.Equal(0.0, RankingMetrics.Recall(["d3", "d4"], Graded, 10), 12);
    }

    [Fact]
    public void ReciprocalRank_IsOneOverTheFirstRelevantRank_WithinK()
    {
        Assert.Equal(1.0 / 3, RankingMetrics.ReciprocalRank(["d4", "d3", "d2", "d1"], Graded, 10), 12);
        Assert.Equal(0.0, RankingMetrics.ReciprocalRank(["d4", "d3", "d2", "d1"], Graded, 2), 12);
    }

    [Fact]
    public void Order_SortsByScoreDescending_TiesByDocumentIdDescending()
    {
        // trec_eval's comp_sim_docno: equal scores are ordered by docno, descending.
        var run = new Dictionary<string, double>(StringComparer.Ordinal) { ["a"] = 1.0, ["c"] = 2.0, ["b"] = 1.0, ["d"] = 0.5 };

        Assert.Equal(["c", "b", "a", "d"], RankingMetrics.Order(run));
    }

    [Fact]
    public void Evaluate_AveragesOverJudgedQueries_AndDropsIdenticalIds()
    {
        var qrels = new Qrels(new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal)
        {
            ["q1"] = new Dictionary<string, int>(StringComparer.Ordinal) { ["d1"] = 1 },
            ["q2"] = new Dictionary<string, int>(StringComparer.Ordinal) { ["d2"] = 1 },
        });
        var runs = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal)
        {
            // q1: its own id ranks first and must be dropped (BEIR ignore_identical_ids) → d1 at rank 1.
            ["q1"] = new Dictionary<string, double>(StringComparer.Ordinal) { ["q1"] = 9, ["d1"] = 5 },
            // q2: d2 at rank 2 → RR 0.5, nDCG 1/log2(3).
            ["q2"] = new Dictionary<string, double>(StringComparer.Ordinal) { ["dx"] = 9, ["d2"] = 5 },
            // q3 has no judgments: not averaged.
            ["q3"] = new Dictionary<string, double>(StringComparer.Ordinal) { ["d9"] = 1 },
        };

        var scores = RetrievalScores.Evaluate(runs, qrels, 10);
        var kept = RetrievalScores.Evaluate(runs, qrels, 10, ignoreIdenticalIds: false);

        Assert.Equal(2, scores.Queries);
        Assert.Equal((1.0 + 0.5) / 2, scores.Mrr, 12);
        Assert.Equal((1.0 + (1 / Math.Log2(3))) / 2, scores.Ndcg, 12);
        Assert.Equal(1.0, scores.RecallAtK, 12);
        Assert.True(kept.Mrr < scores.Mrr, "keeping the query's own id must push d1 down");
    }
}

using Rag.Evaluation.Qa;
using static Rag.Evaluation.Tests.Qa.QaScorerTests;

namespace Rag.Evaluation.Tests.Qa;

public sealed class QaSummaryTests
{
    [Fact]
    public void From_HandMadeResults_ComputesEachMetricOverItsOwnQuestions()
    {
        QaCaseResult[] results =
        [
            // Expected at rank 1, both citations on it, answer contains the text.
            QaScorer.Score(Case(["employee-handbook.pdf"], ["27 days"]), Observed([Handbook, Security], "27 days [1] more [2]", Handbook, Handbook), 3),
            // Expected at rank 3, one of two citations on it, text missing.
            QaScorer.Score(Case(["it-faq.html"], ["Northwind Connect"]), Observed([Handbook, Security, Faq], "a [1] b [2]", Faq, Security), 3),
            // Expected never retrieved; abstained, no citations.
            QaScorer.Score(Case(["missing.md"]), Observed([Handbook], string.Empty), 3),
            // Only answer text, contained (does not count for document metrics).
            QaScorer.Score(Case(contains: ["BitLocker"]), Observed([Security], "BitLocker [1]", Security), 3),
            // Must abstain and did.
            QaScorer.Score(Case(noAnswer: true), Observed([Handbook], string.Empty), 3),
            // Must abstain and answered.
            QaScorer.Score(Case(noAnswer: true), Observed([Handbook], "42,000 euros [1]", Handbook), 3),
        ];

        var summary = QaSummary.From(results, 3);

        Assert.Equal(6, summary.Questions);
        Assert.Equal(3, summary.DocumentQuestions);
        Assert.Equal(2, summary.Hits);
        Assert.Equal(2.0 / 3, summary.HitAtK!.Value, 10);
        Assert.Equal((1.0 + (1.0 / 3) + 0) / 3, summary.Mrr!.Value, 10);
        Assert.Equal(4, summary.Citations);
        Assert.Equal(3, summary.CitationsOnExpected);
        Assert.Equal(0.75, summary.CitationPrecision!.Value, 10);
        Assert.Equal(3, summary.AnswerQuestions);
        Assert.Equal(2, summary.AnswersContaining);
        Assert.Equal(2.0 / 3, summary.AnswerContainsRate!.Value, 10);
        Assert.Equal(2, summary.NoAnswerQuestions);
        Assert.Equal(1, summary.AbstainedAsExpected);
        Assert.Equal(0.5, summary.NoAnswerRate!.Value, 10);
        Assert.Equal(2, summary.Abstained);
        Assert.Equal(1, summary.AbstainedWhenAnswerable);
        Assert.Equal(3, summary.Passed);
    }

    [Fact]
    public void From_NoQuestionJudgesAMetric_RateIsNullNotZero()
    {
        var summary = QaSummary.From([QaScorer.Score(Case(contains: ["x"]), Observed([Handbook], string.Empty), 5)], 5);

        Assert.Null(summary.HitAtK);
        Assert.Null(summary.Mrr);
        Assert.Null(summary.CitationPrecision);
        Assert.Null(summary.NoAnswerRate);
        Assert.Equal(0.0, summary.AnswerContainsRate);
    }
}

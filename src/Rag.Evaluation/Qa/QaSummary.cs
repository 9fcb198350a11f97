namespace Rag.Evaluation.Qa;

/// <summary>The metrics of a run. A rate is null when no question judges it (it is then not 0: nothing was measured).</summary>
/// <param name="K">Cut-off of hit@k and MRR@k.</param>
/// <param name="Questions">Questions asked.</param>
/// <param name="Passed">Questions whose every check passed.</param>
/// <param name="Abstained">Answers that said nothing relevant was found.</param>
/// <param name="DocumentQuestions">Questions with expectedDocuments: the basis of hit@k, MRR and citation precision.</param>
/// <param name="Hits">Of those, questions with an expected document in the top k.</param>
/// <param name="HitAtK">Hits / DocumentQuestions.</param>
/// <param name="Mrr">Mean over DocumentQuestions of 1 / rank of the first expected document within the top k (0 when absent).</param>
/// <param name="Citations">Citations given in the answers to DocumentQuestions.</param>
/// <param name="CitationsOnExpected">Of those, citations pointing at an expected document.</param>
/// <param name="CitationPrecision">CitationsOnExpected / Citations (micro-average; null when no answer cited anything).</param>
/// <param name="AnswerQuestions">Questions with expectedAnswerContains.</param>
/// <param name="AnswersContaining">Of those, answers containing every expected text.</param>
/// <param name="AnswerContainsRate">AnswersContaining / AnswerQuestions.</param>
/// <param name="NoAnswerQuestions">Questions with expectNoAnswer.</param>
/// <param name="AbstainedAsExpected">Of those, answers that were "nothing found".</param>
/// <param name="NoAnswerRate">AbstainedAsExpected / NoAnswerQuestions.</param>
/// <param name="AbstainedWhenAnswerable">Questions expecting documents or answer text whose answer was "nothing found".</param>
public sealed record QaSummary(
    int K,
    int Questions,
    int Passed,
    int Abstained,
    int DocumentQuestions,
    int Hits,
    double? HitAtK,
    double? Mrr,
    int Citations,
    int CitationsOnExpected,
    double? CitationPrecision,
    int AnswerQuestions,
    int AnswersContaining,
    double? AnswerContainsRate,
    int NoAnswerQuestions,
    int AbstainedAsExpected,
    double? NoAnswerRate,
    int AbstainedWhenAnswerable)
{
    /// <summary>Of <see cref="AnswerQuestions"/>, answers whose first sentence (up to its first citation) contains every expected text.</summary>
    public int FirstSentenceContaining { get; init; }

    /// <summary>FirstSentenceContaining / AnswerQuestions.</summary>
    public double? FirstSentenceRate { get; init; }

    /// <summary>Questions asked after earlier turns of their conversation that keep its topic.</summary>
    public int FollowUps { get; init; }

    /// <summary>Of those, questions whose every check passed (right document, expected text).</summary>
    public int FollowUpsPassed { get; init; }

    /// <summary>Questions that change the topic of their conversation.</summary>
    public int TopicChanges { get; init; }

    /// <summary>Of those, questions answered exactly as when asked fresh.</summary>
    public int TopicChangesAsFresh { get; init; }

    /// <summary>Aggregates per-question results.</summary>
    public static QaSummary From(IReadOnlyList<QaCaseResult> results, int k)
    {
        ArgumentNullException.ThrowIfNull(results);
        var documentQuestions = results.Where(r => r.Hit is not null).ToList();
        var hits = documentQuestions.Count(r => r.Hit == true);
        var citations = documentQuestions.Sum(r => r.Citations.Count);
        var onExpected = documentQuestions.Sum(r => r.CitationsOnExpected ?? 0);
        var answerQuestions = results.Count(r => r.AnswerContainsAll is not null);
        var containing = results.Count(r => r.AnswerContainsAll == true);
        var noAnswerQuestions = results.Count(r => r.AbstainedAsExpected is not null);
        var abstainedAsExpected = results.Count(r => r.AbstainedAsExpected == true);
        return new QaSummary(
            k,
            results.Count,
            results.Count(r => r.Passed),
            results.Count(r => r.Abstained),
            documentQuestions.Count,
            hits,
            Rate(hits, documentQuestions.Count),
            documentQuestions.Count == 0 ? null : documentQuestions.Average(r => r.ReciprocalRank ?? 0),
            citations,
            onExpected,
            Rate(onExpected, citations),
            answerQuestions,
            containing,
            Rate(containing, answerQuestions),
            noAnswerQuestions,
            abstainedAsExpected,
            Rate(abstainedAsExpected, noAnswerQuestions),
            results.Count(r => r.Abstained && (r.ExpectedDocuments.Count > 0 || r.ExpectedAnswerContains.Count > 0)))
        {
            FirstSentenceContaining = results.Count(r => r.FirstSentenceContainsAll == true),
            FirstSentenceRate = Rate(results.Count(r => r.FirstSentenceContainsAll == true), answerQuestions),
            FollowUps = results.Count(r => r.FollowUp && !r.TopicChange),
            FollowUpsPassed = results.Count(r => r.FollowUp && !r.TopicChange && r.Passed),
            TopicChanges = results.Count(r => r.TopicChange),
            TopicChangesAsFresh = results.Count(r => r.SameAsFresh == true),
        };
    }

    private static double? Rate(int count, int total) => total == 0 ? null : (double)count / total;
}

using Rag.Core.Answers;
using Rag.Evaluation.Qa;

namespace Rag.Evaluation.Tests.Qa;

public sealed class QaScorerTests
{
    internal static readonly QaDocument Handbook = new("d-handbook", "handbook", "Employee Handbook", "employee-handbook.pdf");
    internal static readonly QaDocument Security = new("d-security", "handbook", "Security Policy", "security-policy.md");
    internal static readonly QaDocument Faq = new("d-faq", "handbook", "IT FAQ", "it-faq.html");

    internal static QaCase Case(string[]? documents = null, string[]? contains = null, bool noAnswer = false) =>
        new(1, null, "question?", documents ?? [], contains ?? [], noAnswer);

    internal static QaObservation Observed(QaDocument[] ranked, string text, params QaDocument[] cited)
    {
        var citations = cited.Select((d, i) => new Citation(i + 1, d.DocumentId, d.Title, 1, 1, Guid.NewGuid(), 0.5, "snippet", [])).ToList();
        var answer = text.Length == 0 ? Answer.NothingFound : new Answer(text, citations, true);
        return new QaObservation(ranked, answer, ranked.Concat(cited).DistinctBy(d => d.DocumentId).ToDictionary(d => d.DocumentId), 1);
    }

    [Fact]
    public void Score_ExpectedDocumentAtRankTwo_HitWithReciprocalRankHalf()
    {
        var result = QaScorer.Score(Case(["security-policy.md"]), Observed([Handbook, Security, Faq], "x [1]", Security), k: 5);

        Assert.True(result.Hit);
        Assert.Equal(2, result.FirstExpectedRank);
        Assert.Equal(0.5, result.ReciprocalRank);
        Assert.Equal([false, true, false], result.RetrievedDocuments.Select(d => d.Expected!.Value));
    }

    [Fact]
    public void Score_ExpectedDocumentBeyondK_MissButRankRecorded()
    {
        var result = QaScorer.Score(Case(["it-faq.html"]), Observed([Handbook, Security, Faq], "x [1]", Handbook), k: 2);

        Assert.False(result.Hit);
        Assert.Equal(0.0, result.ReciprocalRank);
        Assert.Equal(3, result.FirstExpectedRank);
        Assert.Equal(2, result.RetrievedDocuments.Count);
        Assert.False(result.Passed);
    }

    [Fact]
    public void Score_AnyOfSeveralExpectedDocuments_FirstOneCounts()
    {
        var result = QaScorer.Score(Case(["it-faq.html", "Security Policy"]), Observed([Handbook, Security, Faq], "x [1]", Security), k: 5);

        Assert.Equal(2, result.FirstExpectedRank);
    }

    [Fact]
    public void Score_CitationsOnOtherDocuments_CountedSeparately()
    {
        var result = QaScorer.Score(Case(["security-policy.md"]), Observed([Security, Faq], "a [1] b [2] c [3]", Security, Faq, Security), k: 5);

        Assert.Equal(2, result.CitationsOnExpected);
        Assert.Equal([true, false, true], result.Citations.Select(c => c.Expected!.Value));
        Assert.False(result.Passed);
    }

    [Fact]
    public void Score_NoExpectedDocuments_DocumentChecksAreNull()
    {
        var result = QaScorer.Score(Case(contains: ["27 days"]), Observed([Handbook], "You get 27 days. [1]", Handbook), k: 5);

        Assert.Null(result.Hit);
        Assert.Null(result.ReciprocalRank);
        Assert.Null(result.CitationsOnExpected);
        Assert.Null(result.Citations[0].Expected);
        Assert.True(result.AnswerContainsAll);
        Assert.True(result.Passed);
    }

    [Fact]
    public void Score_AnswerLacksExpectedText_FailsAndNamesIt()
    {
        var result = QaScorer.Score(Case(contains: ["27 days", "31 March"]), Observed([Handbook], "You get 27 days. [1]", Handbook), k: 5);

        Assert.False(result.AnswerContainsAll);
        Assert.Equal(["31 March"], result.MissingAnswerText);
    }

    [Fact]
    public void Score_ExpectNoAnswer_AbstainPassesAnswerFails()
    {
        var abstained = QaScorer.Score(Case(noAnswer: true), Observed([Handbook], string.Empty), k: 5);
        var answered = QaScorer.Score(Case(noAnswer: true), Observed([Handbook], "The cap is 42,000 euros. [1]", Handbook), k: 5);

        Assert.True(abstained.Abstained);
        Assert.True(abstained.AbstainedAsExpected);
        Assert.True(abstained.Passed);
        Assert.False(answered.AbstainedAsExpected);
        Assert.False(answered.Passed);
    }
}

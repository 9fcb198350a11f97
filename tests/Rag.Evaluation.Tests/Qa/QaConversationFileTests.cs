using Rag.Evaluation.Qa;

namespace Rag.Evaluation.Tests.Qa;

public sealed class QaConversationFileTests
{
    [Fact]
    public async Task Read_ConversationAndTopicChange_Parsed()
    {
        var set = await QaCaseFile.ReadAsync(
            new StringReader(
                "{\"question\": \"How do I connect to the VPN?\", \"conversation\": \"vpn\", \"expectedDocuments\": \"it-faq.html\"}\n" +
                "{\"question\": \"What is the Q3 travel budget cap?\", \"conversation\": \"vpn\", \"topicChange\": true, \"expectNoAnswer\": true}\n"),
            "multi-turn.jsonl");

        Assert.Equal(["vpn", "vpn"], set.Cases.Select(c => c.Conversation));
        Assert.Equal([false, true], set.Cases.Select(c => c.TopicChange));
    }

    [Fact]
    public async Task Read_TopicChangeWithoutConversation_FailsNamingTheLine()
    {
        var ex = await Assert.ThrowsAsync<QaFormatException>(() => QaCaseFile.ReadAsync(
            new StringReader("{\"question\": \"What is the Q3 travel budget cap?\", \"topicChange\": true, \"expectNoAnswer\": true}\n"), "multi-turn.jsonl"));

        Assert.Contains("line 1: \"topicChange\": true needs a \"conversation\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstSentence_QuotedAnswer_EndsAtTheFirstCitation() =>
        Assert.Equal("Hotels up to 150 euros. [1]", AnswerText.FirstSentence("Hotels up to 150 euros. [1] Meals up to 45 euros. [2]"));

    [Fact]
    public void Score_ExpectedTextOnlyInTheSecondSentence_ContainedButNotInTheFirstSentence()
    {
        var result = QaScorer.Score(
            QaScorerTests.Case(contains: ["45 euros"]),
            QaScorerTests.Observed([QaScorerTests.Handbook], "Hotels up to 150 euros. [1] Meals up to 45 euros. [1]", QaScorerTests.Handbook),
            k: 5);

        Assert.True(result.AnswerContainsAll);
        Assert.False(result.FirstSentenceContainsAll);
    }

    [Fact]
    public void Summary_FollowUpsAndTopicChanges_Counted()
    {
        var passed = QaScorer.Score(QaScorerTests.Case(contains: ["45 euros"]), QaScorerTests.Observed([QaScorerTests.Handbook], "Meals up to 45 euros. [1]", QaScorerTests.Handbook), 5);
        var changed = QaScorer.Score(
            QaScorerTests.Case(noAnswer: true) with { Conversation = "c", TopicChange = true },
            QaScorerTests.Observed([], string.Empty) with { SameAsFresh = false },
            5);

        var summary = QaSummary.From([passed with { FollowUp = true }, changed with { FollowUp = true }], 5);

        Assert.Equal((1, 1, 1, 0), (summary.FollowUps, summary.FollowUpsPassed, summary.TopicChanges, summary.TopicChangesAsFresh));
        Assert.False(changed.Passed);
        Assert.Equal(1.0, summary.FirstSentenceRate);
    }
}

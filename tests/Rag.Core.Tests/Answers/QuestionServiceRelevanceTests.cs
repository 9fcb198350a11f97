using Rag.Core.Access;
using Rag.Core.Answers;

namespace Rag.Core.Tests.Answers;

/// <summary>The relevance gate decides the same with and without a generator, and a "no" never reaches a model.</summary>
public sealed class QuestionServiceRelevanceTests
{
    private const string KitchenText = "The kitchen on the second floor has free coffee, tea and fruit.";
    private const string OffTopic = "What is the boiling point of mercury?";
    private static readonly AccessScope Staff = new("ana", [FixedIndexFake.Group]);

    [Fact]
    public async Task AskAsync_GateSaysNoWithAGenerator_ModelNeverCalled()
    {
        var model = new ScriptedChatClientFake("A confident guess [1].");
        var service = QuestionServices.Create(new FixedIndexFake(KitchenText) { Similarity = 0.3 }, new ConstantEmbedderFake(), new RecordingAuditLogFake(), model: model);

        var answer = await service.AskAsync(OffTopic, Staff);

        Assert.Empty(model.Calls);
        Assert.False(answer.FoundRelevant);
        Assert.Equal(Answer.NothingFoundText, answer.Text);
    }

    [Fact]
    public async Task AskAsync_GateSaysNoWithoutAGenerator_NothingQuoted()
    {
        // The fake embedder scores every sentence 1.0 against the question, so only the gate stops the quote.
        var service = QuestionServices.Create(new FixedIndexFake(KitchenText) { Similarity = 0.3 }, new ConstantEmbedderFake(), new RecordingAuditLogFake());

        var answer = await service.AskAsync(OffTopic, Staff);

        Assert.False(answer.FoundRelevant);
        Assert.Empty(answer.Citations);
        Assert.Equal(Answer.NothingFoundText, answer.Text);
    }

    [Fact]
    public async Task AskAsync_GateSaysYesWithAGenerator_ModelAnswers()
    {
        var model = new ScriptedChatClientFake("Free coffee is on the second floor [1].");
        var service = QuestionServices.Create(new FixedIndexFake(KitchenText) { Similarity = 0.5 }, new ConstantEmbedderFake(), new RecordingAuditLogFake(), model: model);

        var answer = await service.AskAsync("Where is the free coffee in the kitchen?", Staff);

        Assert.Single(model.Calls);
        Assert.True(answer.FoundRelevant);
    }
}

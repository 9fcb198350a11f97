using Rag.Core.Access;
using Rag.Core.Answers;
using Rag.Core.Audit;

namespace Rag.Core.Tests.Answers;

/// <summary>What a question costs the embedder: with a generator the question is embedded once and no sentence is scored.</summary>
public sealed class QuestionServiceEmbeddingTests
{
    private const string VpnText = "The VPN client is installed from the software portal and requires a hardware token. It connects to the Berlin gateway.";
    private static readonly AccessScope Staff = new("ana", [FixedIndexFake.Group]);

    [Fact]
    public async Task AskAsync_GeneratorAnswers_EmbedsOnlyTheQuestionOnce()
    {
        var embedder = new CountingEmbedder(new ConstantEmbedderFake());
        var model = new ScriptedChatClientFake("It needs a hardware token [1].");
        var service = QuestionServices.Create(new FixedIndexFake(VpnText, VpnText), embedder, new RecordingAuditLogFake(), model: model);

        var answer = await service.AskAsync("How do I install the VPN?", Staff);

        Assert.Equal("scripted-model", answer.ModelId);
        Assert.Equal((1, 1), (embedder.Calls, embedder.Inputs));
    }

    [Fact]
    public async Task AskAsync_GateFindsNothingRelevant_SaysSoWithoutCallingTheModelOrQuoting()
    {
        var embedder = new CountingEmbedder(new ConstantEmbedderFake());
        var model = new ScriptedChatClientFake("A confident guess [1].");
        var audit = new RecordingAuditLogFake();
        var service = QuestionServices.Create(new FixedIndexFake(VpnText) { Similarity = 0.2 }, embedder, audit, model: model);

        var answer = await service.AskAsync("How do I install the VPN?", Staff);

        Assert.Empty(model.Calls);
        Assert.False(answer.FoundRelevant);
        Assert.Equal(Answer.NothingFoundText, answer.Text);
        Assert.Equal((1, 1), (embedder.Calls, embedder.Inputs));
        Assert.Equal(AuditOutcomes.NothingFound, audit.Events.Single(e => e.Action == AuditActions.AnswerGiven).Outcome);
    }

    [Fact]
    public async Task AskAsync_GeneratorFailsBeforeWriting_QuotesAsTheFallback()
    {
        var embedder = new CountingEmbedder(new ConstantEmbedderFake());
        var model = new ScriptedChatClientFake("never") { Failure = new HttpRequestException("connection refused") };
        var service = QuestionServices.Create(new FixedIndexFake(VpnText), embedder, new RecordingAuditLogFake(), model: model);

        var answer = await service.AskAsync("How do I install the VPN?", Staff);

        Assert.Equal(QuestionService.ExtractiveModelId, answer.ModelId);
        Assert.Contains("hardware token", answer.Text, StringComparison.Ordinal);
        Assert.Equal(2, embedder.Calls);
    }

    [Fact]
    public async Task AskAsync_NoGenerator_QuotesTheRetrievedSentences()
    {
        var embedder = new CountingEmbedder(new ConstantEmbedderFake());
        var service = QuestionServices.Create(new FixedIndexFake(VpnText), embedder, new RecordingAuditLogFake());

        var answer = await service.AskAsync("How do I install the VPN?", Staff);

        Assert.Equal(QuestionService.ExtractiveModelId, answer.ModelId);
        Assert.True(answer.FoundRelevant);
        Assert.Equal(2, embedder.Calls);
        Assert.Equal(1 + 1 + 2 + 2, embedder.Inputs);
    }
}

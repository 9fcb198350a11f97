using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Core.Answers;
using Rag.Core.Audit;
using Rag.Core.Retrieval;

namespace Rag.Core.Tests.Answers;

public sealed class QuestionServiceTests
{
    [Fact]
    public async Task AskAsync_AuditWriteFails_RefusesWithoutAnswer()
    {
        var index = new EmptyIndexFake();
        var embedder = new ConstantEmbedderFake();
        var service = new QuestionService(
            new HybridRetriever(index, embedder, Options.Create(new RetrievalOptions())),
            new ExtractiveAnswerer(embedder, Options.Create(new AnswerOptions())),
            new FailingAuditLogFake());

        var ex = await Assert.ThrowsAsync<AuditUnavailableException>(() => service.AskAsync("question?", new AccessScope("ana", ["staff"])));

        Assert.Contains("refused", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_AuditWritten_RecordsQuestionBeforeReturning()
    {
        var audit = new RecordingAuditLogFake();
        var embedder = new ConstantEmbedderFake();
        var service = new QuestionService(
            new HybridRetriever(new EmptyIndexFake(), embedder, Options.Create(new RetrievalOptions())),
            new ExtractiveAnswerer(embedder, Options.Create(new AnswerOptions())),
            audit);

        var answer = await service.AskAsync("Where is the VPN guide?", new AccessScope("ana", ["staff"]));

        Assert.False(answer.FoundRelevant);
        var record = Assert.Single(audit.Events);
        Assert.Equal(AuditActions.QuestionAsked, record.Action);
        Assert.Equal("ana", record.ActorId);
        Assert.Contains("Where is the VPN guide?", record.Detail, StringComparison.Ordinal);
    }
}

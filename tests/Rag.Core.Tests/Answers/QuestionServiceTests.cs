using System.Security.Cryptography;
using System.Text;
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
        var service = Service(new FailingAuditLogFake());

        var ex = await Assert.ThrowsAsync<AuditUnavailableException>(() => service.AskAsync("question?", new AccessScope("ana", ["staff"])));

        Assert.Contains("refused", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_AuditFailsAfterTheQuestionRecord_RefusesWithoutAnswer()
    {
        var audit = new RecordingAuditLogFake { FailAfter = 1 };
        var service = Service(audit);

        await Assert.ThrowsAsync<AuditUnavailableException>(() => service.AskAsync("question?", new AccessScope("ana", ["staff"])));

        Assert.Equal([AuditActions.QuestionAsked], audit.Events.Select(e => e.Action));
    }

    [Fact]
    public async Task AskAsync_AuditWritten_RecordsQuestionRetrievalAndAnswerWithOneCorrelationId()
    {
        var audit = new RecordingAuditLogFake();
        var service = Service(audit);
        var context = new AuditContext(new AuditActor("ana", "Ana Example", ["staff"], ["reader"]), "198.51.100.4");

        var answer = await service.AskAsync("Where is the VPN guide?", new AccessScope("ana", ["staff"]), context);

        Assert.False(answer.FoundRelevant);
        Assert.Equal([AuditActions.QuestionAsked, AuditActions.ChunksRetrieved, AuditActions.AnswerGiven], audit.Events.Select(e => e.Action));
        Assert.Single(audit.Events.Select(e => e.CorrelationId).Distinct());
        Assert.All(audit.Events, e => Assert.Equal(context.Actor, e.Actor));
        Assert.All(audit.Events, e => Assert.Equal("198.51.100.4", e.ClientAddress));
        Assert.Contains("Where is the VPN guide?", audit.Events[0].Detail, StringComparison.Ordinal);
        Assert.Equal(AuditOutcomes.NothingFound, audit.Events[2].Outcome);
        Assert.Contains(answer.Text, audit.Events[2].Detail!.Replace("\\u0027", "'", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_StoreTextOff_RecordsOnlyHashes()
    {
        var audit = new RecordingAuditLogFake();
        var service = Service(audit, new AuditOptions { StoreText = false });
        const string question = "Where is the VPN guide?";

        await service.AskAsync(question, new AccessScope("ana", ["staff"]));

        var questionHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(question)));
        Assert.Contains(questionHash, audit.Events[0].Detail, StringComparison.Ordinal);
        Assert.All(audit.Events, e => Assert.DoesNotContain("VPN", e.Detail ?? string.Empty, StringComparison.Ordinal));
        Assert.Contains("answerSha256", audit.Events[2].Detail, StringComparison.Ordinal);
    }

    private static QuestionService Service(IAuditLog audit, AuditOptions? options = null)
    {
        var embedder = new ConstantEmbedderFake();
        var index = new FixedIndexFake();
        return QuestionServices.Create(index, embedder, audit, options);
    }
}

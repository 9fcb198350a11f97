using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rag.Core.Answers;
using Rag.Core.Audit;
using Rag.Core.Documents;
using Rag.Core.Retrieval;

namespace Rag.Core.Tests.Answers;

public sealed class QuestionAuditEventsTests
{
    private static readonly AuditContext Context = new(new AuditActor("ana", "Ana Example", ["staff"], ["reader"]), "198.51.100.4");
    private static readonly Chunk Chunk = new(Guid.NewGuid(), "doc-1", "handbook", 3, "The VPN needs a token.", [], 1, 1, 0, 22);

    [Fact]
    public void Events_OfOneQuestion_CarryItsActorClientAndCorrelationId()
    {
        var events = Events(new AuditOptions());
        var answer = new Answer("It needs a token [1].", [Citation()], true);

        AuditEvent[] all = [events.Asked(new AskRequest("q?"), 0, 0), events.Retrieved([Hit()], "q?", "q?"), events.Answered(answer, "grounded-answer", "m", "1")];

        Assert.Equal([AuditActions.QuestionAsked, AuditActions.ChunksRetrieved, AuditActions.AnswerGiven], all.Select(e => e.Action));
        Assert.All(all, e => Assert.Equal(("c-1", Context.Actor, "198.51.100.4"), (e.CorrelationId, e.Actor, e.ClientAddress)));
        Assert.Equal(["doc-1", Chunk.Id.ToString("D")], all[1].Targets);
        Assert.Equal([Chunk.Id.ToString("D")], all[2].Targets);
        Assert.Equal(("embedder", "7"), (all[0].ModelId, all[0].ModelVersion));
        Assert.Equal(("m", "1"), (all[2].ModelId, all[2].ModelVersion));
    }

    [Fact]
    public void Asked_StoreTextOff_RecordsOnlyTheQuestionsHashAndWithheldTurns()
    {
        var asked = Events(new AuditOptions { StoreText = false }).Asked(new AskRequest("Where is the VPN guide?") { ConversationId = "c1" }, 4, 2);

        using var detail = JsonDocument.Parse(asked.Detail!);
        Assert.Equal(Sha256("Where is the VPN guide?"), detail.RootElement.GetProperty("questionSha256").GetString());
        Assert.False(detail.RootElement.TryGetProperty("question", out _));
        Assert.Equal((4, 2, "c1"), (detail.RootElement.GetProperty("historyMessages").GetInt32(), detail.RootElement.GetProperty("historyTurnsWithheld").GetInt32(), detail.RootElement.GetProperty("conversationId").GetString()));
    }

    [Fact]
    public void Retrieved_RewrittenQuery_IsRecordedOnlyWhenItDiffers()
    {
        var events = Events(new AuditOptions());

        using var same = JsonDocument.Parse(events.Retrieved([Hit()], "q?", "q?").Detail!);
        using var rewritten = JsonDocument.Parse(events.Retrieved([Hit()], "standalone q?", "q?").Detail!);

        Assert.False(same.RootElement.TryGetProperty("query", out _));
        Assert.Equal("standalone q?", rewritten.RootElement.GetProperty("query").GetString());
    }

    [Fact]
    public void Answered_WithoutAnOutcome_FollowsFromTheAnswer()
    {
        var events = Events(new AuditOptions());

        Assert.Equal(AuditOutcomes.NothingFound, events.Answered(Answer.NothingFound, null, "extractive", "1").Outcome);
        Assert.Equal(AuditOutcomes.Answered, events.Answered(new Answer("a [1]", [Citation()], true), null, "m", null).Outcome);
        Assert.Equal(AuditOutcomes.Ungrounded, events.Answered(new Answer("a", [], true) { Grounded = false }, null, "m", null).Outcome);
        Assert.Equal(AuditOutcomes.Failed, events.Answered(new Answer("a", [], true), null, "m", null, AuditOutcomes.Failed).Outcome);
    }

    private static QuestionAuditEvents Events(AuditOptions options) => new(Context, "c-1", options, "embedder", "7");

    private static RetrievedChunk Hit() => new(Chunk, "Guide", 0.5, 1, null);

    private static Citation Citation() => new(1, "doc-1", "Guide", 1, 1, Chunk.Id, 0.5, "The VPN needs a token.", []);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

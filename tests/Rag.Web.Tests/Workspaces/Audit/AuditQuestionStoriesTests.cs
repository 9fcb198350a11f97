using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Answers;
using Rag.Core.Audit;
using Rag.Core.Documents;
using Rag.Core.Retrieval;
using Rag.Web.Workspaces.Audit;

namespace Rag.Web.Tests.Workspaces.Audit;

/// <summary>A question recorded by the product's own builder (<see cref="QuestionAuditEvents"/>), told back with the catalog's titles.</summary>
public sealed class AuditQuestionStoriesTests : IAsyncLifetime, IDisposable
{
    private readonly AuditWorkspaceServices _host = new();

    private AuditQuestionStories Stories => _host.Services.GetRequiredService<AuditQuestionStories>();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task GetAsync_Question_JoinsEveryRetrievedChunkToItsDocumentByTitleFileSetAndPage()
    {
        var travel = await _host.AddDocumentAsync("handbook", "doc-travel", "Travel Policy 2026", "policies/travel-policy.pdf", 5);
        var leave = await _host.AddDocumentAsync("hr", "doc-leave", "Parental Leave", "hr/leave.docx", 2);
        await AskAsync("c-1", "How much is the hotel allowance?", "The allowance is 120 EUR [1].", [(travel, 3), (leave, 1), (travel, 0)], cite: [0]);

        var story = await Stories.GetAsync(AuditWorkspaceServices.Compliance, "c-1", "127.0.0.1");

        Assert.NotNull(story);
        Assert.Equal("How much is the hotel allowance?", story.QuestionText);
        Assert.Equal("The allowance is 120 EUR [1].", story.AnswerText);
        Assert.Equal(AuditOutcomes.Answered, story.Answer!.Event.Outcome);
        Assert.Collection(
            story.Sources,
            s => AssertSource(s, 1, "Travel Policy 2026", "travel-policy.pdf", "handbook", 4, cited: true),
            s => AssertSource(s, 2, "Parental Leave", "leave.docx", "hr", 2, cited: false),
            s => AssertSource(s, 3, "Travel Policy 2026", "travel-policy.pdf", "handbook", 1, cited: false));
        Assert.Empty(story.Refusals);
    }

    [Fact]
    public async Task GetAsync_DocumentRemovedSince_ShownByWhatTheTrailRecorded()
    {
        var gone = await _host.AddDocumentAsync("legal", "doc-gone", "Old Contract", "contracts/old-contract.pdf", 2);
        await _host.Log.AppendAsync(new AuditEvent(AuditActions.DocumentIndexed, AuditActor.FromId("os:ops"), [gone.DocumentId, "legal"], AuditOutcomes.Ok)
        {
            Detail = JsonSerializer.Serialize(new { path = gone.SourcePath, version = gone.ContentHash, chunks = 2, pages = 2 }),
        });
        await AskAsync("c-2", "What did the old contract say?", "It said nothing useful [1].", [(gone, 1)], cite: [0]);
        await _host.Catalog.DeleteDocumentAsync(gone.DocumentId, _ => Task.CompletedTask);

        var story = await Stories.GetAsync(AuditWorkspaceServices.Compliance, "c-2", "127.0.0.1");

        var source = Assert.Single(story!.Sources);
        Assert.Equal(AuditSourceState.Removed, source.State);
        Assert.Equal("old-contract.pdf", source.FileName);
        Assert.Equal("legal", source.SetName);
        Assert.Equal("doc-gone", source.DocumentId);
        Assert.Null(source.Title);
        Assert.True(source.Cited);
    }

    [Fact]
    public async Task GetAsync_EgressBlockedWhileAnswering_ShownAsARefusal()
    {
        var travel = await _host.AddDocumentAsync("handbook", "doc-travel", "Travel Policy 2026", "policies/travel-policy.pdf", 1);
        await AskAsync("c-3", "Summarise the travel policy", "Quoted passages instead.", [(travel, 0)], cite: []);
        await _host.Log.AppendAsync(new AuditEvent(AuditActions.EgressBlocked, AuditActor.FromId("system:generation"), ["api.openai.com"], AuditOutcomes.Denied)
        {
            CorrelationId = "c-3",
            Detail = "{\"host\":\"api.openai.com\"}",
        });

        var story = await Stories.GetAsync(AuditWorkspaceServices.Compliance, "c-3", "127.0.0.1");

        var refusal = Assert.Single(story!.Refusals);
        Assert.Equal(AuditActions.EgressBlocked, refusal.Event.Action);
        Assert.Equal(4, story.Records.Count);
    }

    [Fact]
    public async Task GetAsync_UnknownId_NullButTheReadIsRecorded()
    {
        var story = await Stories.GetAsync(AuditWorkspaceServices.Compliance, "no-such-question", "127.0.0.1");

        Assert.Null(story);
        var read = Assert.Single(await _host.ReadAllAsync());
        Assert.Equal(AuditActions.AuditRead, read.Event.Action);
        Assert.Contains("no-such-question", read.Event.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Employee")]
    [InlineData("Admin")]
    public async Task GetAsync_NotAComplianceOfficer_Refused(string role)
    {
        await AskAsync("c-4", "Secret question", "Secret answer.", [], cite: []);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Stories.GetAsync(AuditWorkspaceServices.Principal("x", role), "c-4", "local"));

        Assert.DoesNotContain(await _host.ReadAllAsync(), r => r.Event.Action == AuditActions.AuditRead);
    }

    private static void AssertSource(AuditRetrievedSource source, int rank, string title, string file, string set, int page, bool cited)
    {
        Assert.Equal(rank, source.Rank);
        Assert.Equal(AuditSourceState.Indexed, source.State);
        Assert.Equal(title, source.Title);
        Assert.Equal(file, source.FileName);
        Assert.Equal(set, source.SetName);
        Assert.Equal(page, source.FirstPage);
        Assert.Equal(cited, source.Cited);
    }

    /// <summary>Records a question as the product does: asked, retrieved (the given chunks), answered citing the chunks at <paramref name="cite"/>.</summary>
    private async Task AskAsync(string correlationId, string question, string answer, (SourceDocument Document, int Index)[] retrieved, int[] cite)
    {
        var context = new AuditContext(new AuditActor("apikey:reader", "reader", ["staff"], []), "10.0.0.9");
        var events = new QuestionAuditEvents(context, correlationId, new AuditOptions(), "e5", "v1");
        var chunks = retrieved.Select(r => new RetrievedChunk(
            new Chunk(AuditWorkspaceServices.ChunkId(r.Document.DocumentId, r.Index), r.Document.DocumentId, r.Document.SetName, r.Index, "t", [], r.Index + 1, r.Index + 1, 0, 1)
            {
                DocumentVersion = r.Document.ContentHash,
            },
            r.Document.Title,
            0.5,
            1,
            null)).ToList();
        var citations = cite.Select(i => new Citation(i + 1, chunks[i].Chunk.DocumentId, chunks[i].DocumentTitle, 1, 1, chunks[i].Chunk.Id, 0.9, "t", [])).ToList();
        await _host.Log.AppendAsync(
        [
            events.Asked(new AskRequest(question), 0, 0),
            events.Retrieved(chunks, question, question),
            events.Answered(new Answer(answer, citations, FoundRelevant: chunks.Count > 0) { Grounded = citations.Count > 0 }, "grounded-answer/v1", "phi", "1"),
        ]);
    }
}

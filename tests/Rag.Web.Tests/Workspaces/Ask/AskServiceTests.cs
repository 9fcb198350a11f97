using Microsoft.Extensions.DependencyInjection;
using Rag.Web.Tests.Fixtures;
using Rag.Web.Workspaces.Ask;

namespace Rag.Web.Tests.Workspaces.Ask;

/// <summary>The Ask workspace's service in the real app: real SQLite, the real QuestionService with the extractive answerer.</summary>
public sealed class AskServiceTests(AskAppFixture fixture) : IClassFixture<AskAppFixture>
{
    private AskService Service => fixture.App.Services.GetRequiredService<AskService>();

    [Fact]
    public async Task AskAsync_ReaderWithTheGroup_AnswersWithNumberedHighlightedCitationsAndTheOriginalLink()
    {
        var user = AskUsers.Signed("reader-" + Guid.NewGuid().ToString("N"), "Employee", "team-a");

        var updates = await AllAsync(Service.AskAsync(user, null, ApiFixture.AlphaQuestion));

        var last = updates[^1];
        Assert.Equal(AskUpdateKind.Answered, last.Kind);
        Assert.All(updates, u => Assert.Equal(last.ConversationId, u.ConversationId));
        var reply = last.Reply!;
        Assert.Contains(ApiFixture.AlphaMarker, reply.Text, StringComparison.Ordinal);
        var citation = Assert.Single(reply.Citations);
        Assert.Equal(1, citation.Number);
        Assert.Equal("Project Alpha", citation.Title);
        Assert.Equal("alpha.md", citation.FileName);
        Assert.Null(citation.Page);
        Assert.Contains(ApiFixture.AlphaMarker, string.Concat(citation.Snippet.Select(s => s.Text)), StringComparison.Ordinal);
        Assert.Contains(citation.Snippet, s => s.Highlighted && s.Text.Contains("vault", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("documents/" + Uri.EscapeDataString(citation.DocumentId) + "/file", citation.OriginalUrl);
    }

    [Fact]
    public async Task AskAsync_UserWithoutTheGroup_NothingFoundAndNeverTheMarker()
    {
        var outsider = AskUsers.Signed("outsider-" + Guid.NewGuid().ToString("N"), "Employee", "team-b");

        var updates = await AllAsync(Service.AskAsync(outsider, null, ApiFixture.AlphaQuestion));

        Assert.Equal(AskUpdateKind.NothingFound, updates[^1].Kind);
        Assert.False(updates[^1].Reply!.FoundRelevant);
        Assert.Empty(updates[^1].Reply!.Citations);
        Assert.DoesNotContain(updates, u => u.Text.Contains(ApiFixture.AlphaMarker, StringComparison.Ordinal)
            || (u.Reply?.Text.Contains(ApiFixture.AlphaMarker, StringComparison.Ordinal) ?? false));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Guest")]
    public async Task EveryMethod_UserWithoutAnAskingRole_IsRefused(string role)
    {
        var user = AskUsers.Signed("norole-" + Guid.NewGuid().ToString("N"), role, "team-a");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => AllAsync(Service.AskAsync(user, null, ApiFixture.AlphaQuestion)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service.ListConversationsAsync(user));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service.LoadConversationAsync(user, "c1"));
    }

    [Fact]
    public async Task AskAsync_SignedOutPrincipal_IsRefused()
    {
        var anonymous = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, "Employee")]));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => AllAsync(Service.AskAsync(anonymous, null, ApiFixture.AlphaQuestion)));
    }

    [Theory]
    [InlineData("   ", "Type a question")]
    [InlineData(null, "at most 4000")]
    public async Task AskAsync_BadQuestion_FailsWithTheReasonAndAsksNothing(string? question, string reason)
    {
        var user = AskUsers.Signed("bad-" + Guid.NewGuid().ToString("N"), "Employee", "team-a");

        var updates = await AllAsync(Service.AskAsync(user, null, question ?? new string('x', 4001)));

        var failed = Assert.Single(updates);
        Assert.Equal(AskUpdateKind.Failed, failed.Kind);
        Assert.Contains(reason, failed.Error, StringComparison.Ordinal);
        Assert.Empty(await Service.ListConversationsAsync(user));
    }

    [Fact]
    public async Task Conversations_AreListedAndResumedForTheirOwnerOnly()
    {
        var ana = AskUsers.Signed("ana-" + Guid.NewGuid().ToString("N"), "Employee", "team-a");
        var ben = AskUsers.Signed("ben-" + Guid.NewGuid().ToString("N"), "Admin", "team-a");
        var first = await AllAsync(Service.AskAsync(ana, null, ApiFixture.AlphaQuestion));
        var conversation = first[^1].ConversationId;
        await AllAsync(Service.AskAsync(ana, conversation, "When do Alpha meetings happen?"));
        await AllAsync(Service.AskAsync(ben, null, "When do Alpha meetings happen?"));

        var anas = await Service.ListConversationsAsync(ana);
        var resumed = await Service.LoadConversationAsync(ana, conversation);
        var bens = await Service.ListConversationsAsync(ben);
        var bensView = await Service.LoadConversationAsync(ben, conversation);

        var listed = Assert.Single(anas);
        Assert.Equal((conversation, ApiFixture.AlphaQuestion, 2), (listed.ConversationId, listed.Title, listed.Turns));
        Assert.Equal([ApiFixture.AlphaQuestion, "When do Alpha meetings happen?"], resumed.Select(t => t.Question));
        Assert.Contains(ApiFixture.AlphaMarker, resumed[0].Answer, StringComparison.Ordinal);
        Assert.DoesNotContain(bens, c => c.ConversationId == conversation || c.Title == ApiFixture.AlphaQuestion);
        Assert.Empty(bensView);
    }

    [Fact]
    public async Task LoadConversationAsync_AnswerFromASetNoLongerReadable_IsWithheld()
    {
        var id = "mover-" + Guid.NewGuid().ToString("N");
        var before = AskUsers.Signed(id, "Employee", "team-a");
        var after = AskUsers.Signed(id, "Employee", "team-b");
        var conversation = (await AllAsync(Service.AskAsync(before, null, ApiFixture.AlphaQuestion)))[^1].ConversationId;

        var turns = await Service.LoadConversationAsync(after, conversation);

        var turn = Assert.Single(turns);
        Assert.True(turn.Withheld);
        Assert.Null(turn.Answer);
        Assert.Equal(ApiFixture.AlphaQuestion, turn.Question);
    }

    internal static async Task<List<AskUpdate>> AllAsync(IAsyncEnumerable<AskUpdate> updates)
    {
        var all = new List<AskUpdate>();
        await foreach (var update in updates)
        {
            all.Add(update);
        }

        return all;
    }
}

using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Core.Answers;
using Rag.Core.Conversations;
using Rag.Core.Documents;
using Rag.Core.Retrieval;

namespace Rag.Core.Tests.Answers;

public sealed class ConversationTurnsTests
{
    private static readonly AccessScope Staff = new("ana", ["employees"]);

    [Fact]
    public async Task HistoryAsync_StoredTurnsOfUnreadableOrUnknownSets_AreWithheldAndCounted()
    {
        var (turns, store) = Turns();
        await store.AppendAsync("ana", "c1", new ConversationTurn("How many leave days?", "27 [1].", ["employees-set"]));
        await store.AppendAsync("ana", "c1", new ConversationTurn("Q3 budget?", "42,000 [1].", ["finance"]));
        await store.AppendAsync("ana", "c1", new ConversationTurn("Old turn?", "Before sets were recorded.", null));

        var history = await turns.HistoryAsync(new AskRequest("And carry-over?") { ConversationId = "c1" }, Staff);

        Assert.Equal(["How many leave days?", "27 [1]."], history.Messages.Select(m => m.Text));
        Assert.Equal(2, history.Withheld);
    }

    [Fact]
    public async Task HistoryAsync_CallerSendsItsOwnHistory_KeepsTheLastMaxMessages()
    {
        var (turns, _) = Turns(new AnswerOptions { MaxHistoryMessages = 2 });
        List<ChatMessage> sent = [new(ChatRole.User, "a"), new(ChatRole.Assistant, "b"), new(ChatRole.System, "ignored"), new(ChatRole.User, "c"), new(ChatRole.Assistant, "d")];

        var history = await turns.HistoryAsync(new AskRequest("e?") { History = sent }, Staff);

        Assert.Equal(["c", "d"], history.Messages.Select(m => m.Text));
        Assert.Equal(0, history.Withheld);
    }

    [Fact]
    public async Task SaveAsync_BindsTheTurnToTheGivenSets_AndOnlyInAConversation()
    {
        var (turns, store) = Turns();
        var answer = new Answer("27 days [1].", [], true);

        await turns.SaveAsync(new AskRequest("Leave days?"), Staff, answer, ["employees-set"]);
        await turns.SaveAsync(new AskRequest("Leave days?") { ConversationId = "c1" }, Staff, answer, ["employees-set"]);

        var saved = Assert.Single(await store.LoadAsync("ana", "c1", 10));
        Assert.Equal(("Leave days?", "27 days [1]."), (saved.Question, saved.Answer));
        Assert.Equal(["employees-set"], saved.SetNames!);
    }

    [Fact]
    public void QuotedSets_AreTheSetsOfTheCitedChunksOnly()
    {
        var cited = Hit("finance");
        var answer = new Answer("q [1]", [new Citation(1, "d", "t", 1, 1, cited.Chunk.Id, 0.5, "s", [])], true);

        Assert.Equal(["finance"], ConversationTurns.QuotedSets(answer, [Hit("employees-set"), cited]));
        Assert.Equal(["employees-set", "finance"], ConversationTurns.SourceSets([Hit("finance"), Hit("employees-set"), cited]));
    }

    private static (ConversationTurns Turns, InMemoryConversationStoreFake Store) Turns(AnswerOptions? options = null)
    {
        var index = new SetScopedIndexFake().With("finance", "finance", "Budget.").With("employees-set", "employees", "Leave.");
        var store = new InMemoryConversationStoreFake();
        return (new ConversationTurns(index, Options.Create(options ?? new AnswerOptions()), store), store);
    }

    private static RetrievedChunk Hit(string set) =>
        new(new Chunk(Guid.NewGuid(), $"{set}-doc", set, 0, "text", [], 1, 1, 0, 4), "t", 0.5, 1, null);
}

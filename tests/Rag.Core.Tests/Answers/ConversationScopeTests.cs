using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Core.Answers;
using Rag.Core.Audit;
using Rag.Core.Conversations;
using Rag.Core.Documents;
using Rag.Core.Retrieval;

namespace Rag.Core.Tests.Answers;

/// <summary>
/// Conversation history is bound to the document sets each answer drew on: a follow-up asked with other groups (or
/// after a set's readers changed) is never given an earlier turn whose sets its caller may not read, neither in the
/// rewrite nor in the answer prompt nor in the extractive "previous question + follow-up" search.
/// </summary>
public sealed class ConversationScopeTests
{
    private const string BudgetMarker = "FALCON-4471";
    private const string BudgetText = $"The Q3 travel budget is capped at 42,000 euros under code {BudgetMarker}.";
    private const string LeaveText = "Every employee gets twenty-five days of annual leave per calendar year.";
    private const string BudgetQuestion = "What is the Q3 travel budget cap?";
    private const string FollowUp = "And how many days of leave?";

    [Fact]
    public async Task AskAsync_FollowUpWithOtherGroups_EarlierAnswerFromAnUnreadableSetReachesNeitherPrompt()
    {
        var model = new ScriptedChatClientFake($"The cap is 42,000 euros, code {BudgetMarker} [1].") { RewriteAnswer = "How many days of annual leave?" };
        var audit = new RecordingAuditLogFake();
        var (service, _, _) = Service(model, audit);
        await service.AskAsync(Ask(BudgetQuestion), Finance, Context(Finance));
        var callsBefore = model.Calls.Count;

        await service.AskAsync(Ask(FollowUp), Employees, Context(Employees));

        var laterCalls = model.Calls.Skip(callsBefore).ToList();
        Assert.NotEmpty(laterCalls);
        foreach (var message in laterCalls.SelectMany(call => call))
        {
            Assert.DoesNotContain(BudgetMarker, message.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(BudgetQuestion, message.Text, StringComparison.Ordinal);
        }

        var asked = audit.Events.Where(e => e.Action == AuditActions.QuestionAsked).Last();
        using var detail = JsonDocument.Parse(asked.Detail!);
        Assert.Equal(0, detail.RootElement.GetProperty("historyMessages").GetInt32());
        Assert.Equal(1, detail.RootElement.GetProperty("historyTurnsWithheld").GetInt32());
    }

    [Fact]
    public async Task AskAsync_FollowUpWithOtherGroupsWithoutAGenerator_SearchesTheFollowUpAlone()
    {
        var (service, index, _) = Service(null);
        await service.AskAsync(Ask(BudgetQuestion), Finance, Context(Finance));

        var answer = await service.AskAsync(Ask(FollowUp), Employees, Context(Employees));

        Assert.Equal(FollowUp, index.KeywordQueries[^1]);
        Assert.Equal(FollowUp, answer.SearchQuery);
        Assert.DoesNotContain(BudgetMarker, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_FollowUpWithTheSameGroups_UsesTheEarlierTurn()
    {
        var (service, index, _) = Service(null);
        await service.AskAsync(Ask(BudgetQuestion), Finance, Context(Finance));

        await service.AskAsync(Ask(FollowUp), Finance, Context(Finance));

        Assert.Equal($"{BudgetQuestion} {FollowUp}", index.KeywordQueries[^1]);
    }

    [Fact]
    public async Task AskAsync_SetReadersChangedAfterTheTurn_EarlierTurnIsWithheld()
    {
        var model = new ScriptedChatClientFake($"Code {BudgetMarker} [1].");
        var (service, index, _) = Service(model);
        var both = new AccessScope("ana", ["finance", "employees"]);
        await service.AskAsync(Ask(BudgetQuestion), both, Context(both));

        // The finance set is taken away from the finance group; ana's groups have not changed.
        await index.UpsertDocumentSetAsync(new DocumentSet("finance", ["board"]));
        var callsBefore = model.Calls.Count;
        await service.AskAsync(Ask(FollowUp), both, Context(both));

        Assert.All(model.Calls.Skip(callsBefore).SelectMany(call => call), m => Assert.DoesNotContain(BudgetMarker, m.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AskAsync_GeneratedAnswer_StoresEverySetTheModelWasGiven()
    {
        var model = new ScriptedChatClientFake("Twenty-five days [2].");
        var (service, _, conversations) = Service(model);
        var both = new AccessScope("ana", ["finance", "employees"]);

        await service.AskAsync(Ask(FollowUp), both, Context(both));

        // It cites only the leave policy, but the model read the budget memo too and may have repeated it.
        var turn = Assert.Single(await conversations.LoadAsync("ana", "c1", 10));
        Assert.Equal(["employees-set", "finance"], turn.SetNames);
    }

    [Fact]
    public async Task AskAsync_StoredTurnWithoutSets_IsNotUsed()
    {
        var (service, index, conversations) = Service(null);
        await conversations.AppendAsync("ana", "c1", new ConversationTurn(BudgetQuestion, $"Code {BudgetMarker}.", null));

        await service.AskAsync(Ask(FollowUp), Finance, Context(Finance));

        Assert.Equal(FollowUp, index.KeywordQueries[^1]);
    }

    private static AccessScope Finance => new("ana", ["finance"]);

    private static AccessScope Employees => new("ana", ["employees"]);

    private static AskRequest Ask(string question) => new(question) { ConversationId = "c1" };

    private static AuditContext Context(AccessScope scope) => QuestionService.LocalContext(scope);

    private static (QuestionService Service, SetScopedIndexFake Index, InMemoryConversationStoreFake Conversations) Service(IChatClient? model, RecordingAuditLogFake? audit = null)
    {
        var index = new SetScopedIndexFake()
            .With("finance", "finance", BudgetText)
            .With("employees-set", "employees", LeaveText);
        var conversations = new InMemoryConversationStoreFake();
        var embedder = new ConstantEmbedderFake();
        var service = QuestionServices.Create(index, embedder, audit ?? new RecordingAuditLogFake(), model: model, conversations: conversations);
        return (service, index, conversations);
    }
}

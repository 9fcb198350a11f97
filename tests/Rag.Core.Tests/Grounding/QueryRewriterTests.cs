using Microsoft.Extensions.AI;
using Rag.Core.Grounding;

namespace Rag.Core.Tests.Grounding;

public sealed class QueryRewriterTests
{
    private static readonly List<ChatMessage> VpnThenFollowUp =
    [
        new(ChatRole.User, "How do I connect to the VPN?"),
        new(ChatRole.Assistant, "Open the Northwind Connect app [1]."),
        new(ChatRole.User, "Does it need a token?"),
        new(ChatRole.Assistant, "Yes [1]."),
    ];

    [Fact]
    public async Task RewriteAsync_TopicChangeWithoutAModel_SearchesTheQuestionAlone()
    {
        var query = await new QueryRewriter().RewriteAsync("What is the Q3 travel budget cap?", VpnThenFollowUp);

        Assert.Equal("What is the Q3 travel budget cap?", query);
    }

    [Fact]
    public async Task RewriteAsync_SecondFollowUpWithoutAModel_KeepsTheTopicOfTheLastStandaloneQuestion()
    {
        var query = await new QueryRewriter().RewriteAsync("Who maintains it?", VpnThenFollowUp);

        Assert.Equal("How do I connect to the VPN? Who maintains it?", query);
    }

    [Fact]
    public async Task RewriteAsync_WithAModel_AsksTheModelEvenForATopicChange()
    {
        var model = new ScriptedChatClientFake("unused") { RewriteAnswer = "Q3 travel budget cap" };

        var query = await new QueryRewriter(model).RewriteAsync("What is the Q3 travel budget cap?", VpnThenFollowUp);

        Assert.Equal("Q3 travel budget cap", query);
        Assert.Single(model.Calls);
    }
}

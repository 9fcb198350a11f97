using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Core.Answers;
using Rag.Core.Audit;
using Rag.Core.Grounding;
using Rag.Core.Storage;

namespace Rag.Core.Tests.Answers;

public sealed class CoreServicesRegistrationTests
{
    [Fact]
    public async Task AddRagCore_WithAGenerator_InjectsTheRewriterAndTheRelevanceGate()
    {
        var model = new ScriptedChatClientFake("It needs a token [1].") { RewriteAnswer = "Does the VPN client need a token?" };
        var index = new FixedIndexFake("The VPN client needs a hardware token.");
        await using var provider = Provider(index, model, []);

        Assert.IsType<RelevanceGate>(provider.GetRequiredService<IRelevanceGate>());
        Assert.Same(provider.GetRequiredService<QueryRewriter>(), provider.GetRequiredService<QueryRewriter>());
        var scope = new AccessScope("ana", [FixedIndexFake.Group]);
        var request = new AskRequest("Does it need a token?") { History = [new ChatMessage(ChatRole.User, "How do I install the VPN?")] };
        await provider.GetRequiredService<QuestionService>().AskAsync(request, scope, QuestionService.LocalContext(scope));

        Assert.Equal(["Does the VPN client need a token?"], index.KeywordQueries);
    }

    [Fact]
    public async Task AddRagCore_MinSimilarityOutOfRange_FailsNamingTheKey()
    {
        await using var provider = Provider(new FixedIndexFake(), null, new() { ["Rag:Answer:Relevance:MinSimilarity"] = "1.5" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RelevanceOptions>>().Value);

        Assert.Contains("MinSimilarity", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRagCore_NoGenerator_TheQuoterKeepsSentenceVectorsInTheSharedCache()
    {
        var index = new FixedIndexFake("The VPN client needs a hardware token. It is handed out by the service desk.");
        await using var provider = Provider(index, null, new() { ["Rag:Answer:Relevance:MinScore"] = "-5" });
        var scope = new AccessScope("ana", [FixedIndexFake.Group]);

        await provider.GetRequiredService<QuestionService>().AskAsync(new AskRequest("Does the VPN client need a token?"), scope, QuestionService.LocalContext(scope));

        Assert.True(provider.GetRequiredService<SentenceVectorCache>().Count > 0);
    }

    private static ServiceProvider Provider(IDocumentIndex index, IChatClient? model, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddRagCore(configuration);
        services.AddOptions<AuditOptions>();
        services.AddSingleton(index);
        services.AddSingleton<IAuditLog>(new RecordingAuditLogFake());
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new ConstantEmbedderFake());
        if (model is not null)
        {
            services.AddSingleton<IChatClient>(model);
        }

        return services.BuildServiceProvider();
    }
}

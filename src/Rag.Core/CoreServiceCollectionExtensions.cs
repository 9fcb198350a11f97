using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Answers;
using Rag.Core.Audit;
using Rag.Core.Embeddings;
using Rag.Core.Grounding;
using Rag.Core.Retrieval;

namespace Rag.Core;

/// <summary>Registers retrieval and answering.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>Adds <see cref="HybridRetriever"/>, <see cref="QueryRewriter"/>, <see cref="ExtractiveAnswerer"/>, <see cref="IRelevanceGate"/>, <see cref="ConversationTurns"/>, <see cref="QuestionService"/>, <see cref="ConfigurationAudit"/> and their validated options, the fusion and gate values starting from the configured embedding model's <see cref="EmbeddingModelProfile"/> (<see cref="AuditOptions"/> is registered by the audit store, <c>AddRagAudit</c>).</summary>
    public static IServiceCollection AddRagCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RetrievalOptions>()
            .Configure(o => EmbeddingModelProfiles.Find(configuration[EmbeddingModelProfiles.ModelSetting])?.ApplyTo(o))
            .Bind(configuration.GetSection(RetrievalOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnswerOptions>().Bind(configuration.GetSection(AnswerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<HybridRetriever>();
        services.AddOptions<RelevanceOptions>()
            .Configure(o => EmbeddingModelProfiles.Find(configuration[EmbeddingModelProfiles.ModelSetting])?.ApplyTo(o))
            .Bind(configuration.GetSection(RelevanceOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<QueryRewriter>();
        services.AddSingleton<SentenceVectorCache>();
        services.AddSingleton<ExtractiveAnswerer>();
        services.AddSingleton<IRelevanceGate, RelevanceGate>();
        services.AddSingleton<ConversationTurns>();
        services.AddSingleton<QuestionService>();
        services.AddSingleton<ConfigurationAudit>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Rag.Evaluation.Beir;

namespace Rag.Evaluation;

/// <summary>Registers the evaluation services (they use the product's own pipeline and retriever).</summary>
public static class EvaluationServiceCollectionExtensions
{
    /// <summary>Adds <see cref="BeirEvaluator"/> and <see cref="FusionSweep"/> as singletons.</summary>
    public static IServiceCollection AddRagEvaluation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<BeirEvaluator>();
        services.AddSingleton<FusionSweep>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Rag.Evaluation.Beir;
using Rag.Evaluation.Qa;

namespace Rag.Evaluation;

/// <summary>Registers the evaluation services (they use the product's own pipeline and retriever).</summary>
public static class EvaluationServiceCollectionExtensions
{
    /// <summary>Adds <see cref="BeirEvaluator"/> , <see cref="FusionSweep"/> and <see cref="QaEvaluator"/> as singletons.</summary>
    public static IServiceCollection AddRagEvaluation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<BeirEvaluator>();
        services.AddSingleton<FusionSweep>();
        services.AddSingleton<QaEvaluator>();
        return services;
    }
}

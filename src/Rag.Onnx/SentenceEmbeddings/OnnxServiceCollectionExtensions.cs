using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rag.Core.Diagnostics;
using Rag.Core.Embeddings;

namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>Registers the ONNX embedding model.</summary>
public static class OnnxServiceCollectionExtensions
{
    private const string ModelKey = "Rag.Onnx.Embedding";

    /// <summary>
    /// Binds <see cref="EmbeddingOptions"/> from <c>Rag:Embedding</c> (validated on start; a known model brings its
    /// <see cref="EmbeddingOptions.Kind"/>) and registers one
    /// embedder as <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>, <see cref="IEmbeddingTokenizer"/>
    /// and <see cref="EmbeddingModelInfo"/>.
    /// </summary>
    public static IServiceCollection AddRagOnnx(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<EmbeddingOptions>()
            .Configure(o => o.Kind = KnownEmbeddingModels.KindOf(configuration[EmbeddingOptions.SectionName + ":Model"]) ?? o.Kind)
            .Bind(configuration.GetSection(EmbeddingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddingOptions>, EmbeddingOptionsValidator>());

        // The model itself, keyed: the container hands out the Microsoft.Extensions.AI pipeline around it (logging,
        // OpenTelemetry), and the tokenizer is the model's own.
        services.AddKeyedSingleton<OnnxEmbeddingGenerator>(ModelKey, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
            var loggerFactory = sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            return options.Kind switch
            {
                EmbeddingModelKind.Bert => new BertEmbeddingGenerator(options, loggerFactory.CreateLogger<BertEmbeddingGenerator>()),
                _ => new UseLiteEmbeddingGenerator(options, loggerFactory.CreateLogger<UseLiteEmbeddingGenerator>()),
            };
        });
        services.AddEmbeddingGenerator(sp => sp.GetRequiredKeyedService<OnnxEmbeddingGenerator>(ModelKey))
            .Use((inner, sp) => sp.GetService<ILoggerFactory>() is { } loggers
                ? new LoggingEmbeddingGenerator<string, Embedding<float>>(inner, loggers.CreateLogger<OnnxEmbeddingGenerator>())
                : inner)
            .UseOpenTelemetry(sourceName: RagTelemetryNames.Ingest);
        services.AddSingleton<IEmbeddingTokenizer>(sp => sp.GetRequiredKeyedService<OnnxEmbeddingGenerator>(ModelKey));
        services.AddSingleton(sp =>
        {
            var metadata = sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GetService<EmbeddingGeneratorMetadata>()
                ?? throw new InvalidOperationException("The embedder has no metadata.");
            return new EmbeddingModelInfo(metadata.DefaultModelId ?? "unknown", metadata.DefaultModelDimensions ?? 0);
        });
        return services;
    }
}

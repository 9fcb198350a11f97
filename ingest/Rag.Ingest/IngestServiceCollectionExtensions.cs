using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rag.Core.Ingestion;
using Rag.Ingest.Chunking;
using Rag.Ingest.Pipeline;
using Rag.Ingest.Readers;
using Rag.Ingest.Sandbox;
using Rag.Ingest.Worker;

namespace Rag.Ingest;

/// <summary>Registers the ingestion pipeline: readers, the isolated reader, the chunker, the queue's enqueuer and worker, and their validated options.</summary>
public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IngestionPipeline"/>, <see cref="IngestJobEnqueuer"/>, <see cref="DocumentSetPreparation"/> and
    /// <see cref="IngestWorker"/> and everything they need from this project (the job store comes from the storage registration).
    /// </summary>
    public static IServiceCollection AddRagIngest(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ParserSandboxOptions>().Bind(configuration.GetSection(ParserSandboxOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChunkingOptions>().Bind(configuration.GetSection(ChunkingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<IngestionOptions>>().Value.ReaderSettings().CreateRegistry());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<IngestionOptions>>().Value;
            var sandbox = ParserSandbox.TryCreate(sp.GetRequiredService<IOptions<ParserSandboxOptions>>().Value, sp.GetService<ILogger<ParserSandbox>>(), options.ReaderSettings());
            return new IsolatedDocumentReader(options.ReadLimits(), sandbox);
        });
        services.AddSingleton<StructureAwareChunker>();
        services.AddIngestWorkerOptions(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DocumentSetPreparation>();
        services.AddSingleton<IngestJobEnqueuer>();
        services.AddSingleton<JobReader>();
        services.AddSingleton<IngestWorker>();
        services.AddSingleton<IngestionPipeline>();
        return services;
    }
}

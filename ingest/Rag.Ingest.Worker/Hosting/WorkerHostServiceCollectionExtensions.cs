using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Ingestion;

namespace Rag.Ingest.Worker.Hosting;

/// <summary>Registers the worker host's own services.</summary>
internal static class WorkerHostServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IngestWorkerOptions"/> (<c>Rag:Ingestion:Worker</c>, validated on start; a no-op when AddRagIngest
    /// already bound them) and <see cref="IngestWorkerService"/>, the hosted service that runs the worker loop.
    /// </summary>
    public static IServiceCollection AddRagWorkerHost(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddIngestWorkerOptions(configuration);
        services.AddHostedService<IngestWorkerService>();
        return services;
    }
}

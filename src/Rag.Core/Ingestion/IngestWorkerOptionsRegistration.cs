using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Rag.Core.Ingestion;

/// <summary>
/// Binds <see cref="IngestWorkerOptions"/> (section <c>Rag:Ingestion:Worker</c>) with validation at start-up, once,
/// whichever of the registrations that need them (the job store, the worker) runs first.
/// </summary>
public static class IngestWorkerOptionsRegistration
{
    /// <summary>Adds the validated <see cref="IngestWorkerOptions"/> unless they are already added.</summary>
    public static IServiceCollection AddIngestWorkerOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(Marker)))
        {
            return services;
        }

        services.AddSingleton<Marker>();
        services.AddOptions<IngestWorkerOptions>()
            .Bind(configuration.GetSection(IngestWorkerOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    private sealed class Marker;
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rag.Egress;

namespace Rag.Hosting;

/// <summary>The host defaults every host (command line, web app, worker) starts from.</summary>
public static class RagDefaults
{
    /// <summary>
    /// Configuration, lowest precedence first: the default paths (<see cref="RagPaths"/>: from RAG_HOME, RAG_DATA and
    /// RAG_MODELS, or the paths a host put in <c>builder.Properties[typeof(RagPaths)]</c>), then the JSON file named by
    /// <c>RAG_CONFIG</c> (required when named), then every source the host already has (appsettings, environment
    /// variables such as <c>Rag__Retrieval__Mode</c>, command line), in their order. Then console logging (one line per
    /// entry, levels from <c>Logging</c>), the egress guard, health checks, and OpenTelemetry tracing and
    /// metrics of the <see cref="Rag.Core.Diagnostics.RagTelemetryNames"/> areas, exported over OTLP (http/protobuf,
    /// through the egress guard) only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    /// <exception cref="InvalidOperationException">RAG_CONFIG names a file that does not exist or is not JSON.</exception>
    public static IHostApplicationBuilder AddRagDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var paths = builder.Properties.TryGetValue(typeof(RagPaths), out var given) && given is RagPaths p ? p : RagPaths.FromEnvironment();
        RagConfigurationSources.Insert(builder.Configuration, paths);

        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

        builder.Services.AddRagEgress(builder.Configuration);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        RagOpenTelemetry.Add(builder);
        return builder;
    }

    /// <summary>
    /// Builds the tracer and meter providers now, for a host that never starts its <see cref="IHost"/> (the command line
    /// runs one command on the container and disposes it, which flushes them). Nothing happens when no exporter is configured.
    /// </summary>
    public static IServiceProvider StartRagTelemetry(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        RagOpenTelemetry.Start(services);
        return services;
    }
}

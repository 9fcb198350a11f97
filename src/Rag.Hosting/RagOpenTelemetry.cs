using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Rag.Core.Diagnostics;

namespace Rag.Hosting;

/// <summary>
/// OpenTelemetry for the <see cref="RagTelemetryNames"/> sources and meters, registered only when an OTLP endpoint is
/// configured: without one nothing listens, nothing is exported and no connection is ever attempted.
/// </summary>
internal static class RagOpenTelemetry
{
    /// <summary>The standard variable (or configuration key) naming the collector, e.g. <c>http://127.0.0.1:4318</c>.</summary>
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The IHttpClientFactory client the exporter posts through: guarded like every other (component <c>otlp</c>).</summary>
    public const string HttpClientName = "otlp";

    public static void Add(IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointKey]))
        {
            return;
        }

        builder.Services.AddSingleton<IValidateOptions<OtlpExportOptions>, OtlpExportOptionsValidator>();
        builder.Services.AddOptions<OtlpExportOptions>()
            .Configure<IConfiguration>((options, configuration) => options.Endpoint = configuration[EndpointKey])
            .ValidateOnStart();
        builder.Services.AddHttpClient(HttpClientName);
        builder.Services.AddSingleton<IConfigureOptions<OtlpExporterOptions>>(sp => new ConfigureNamedOptions<OtlpExporterOptions>(name: null, options =>
        {
            // http/protobuf through the egress guard: the collector's host must be loopback or allow-listed (Rag:Egress).
            options.Protocol = OtlpExportProtocol.HttpProtobuf;
            options.HttpClientFactory = () => sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        }));
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing => tracing.AddSource([.. RagTelemetryNames.All]).AddOtlpExporter())
            .WithMetrics(metrics => metrics.AddMeter([.. RagTelemetryNames.All]).AddOtlpExporter());
    }

    public static void Start(IServiceProvider services)
    {
        _ = services.GetService<TracerProvider>();
        _ = services.GetService<MeterProvider>();
    }
}

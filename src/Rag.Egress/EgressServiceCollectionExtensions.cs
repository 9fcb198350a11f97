using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Rag.Core.Egress;

namespace Rag.Egress;

/// <summary>Registers the egress guard for every <see cref="HttpClient"/> the process makes through <c>IHttpClientFactory</c>.</summary>
public static class EgressServiceCollectionExtensions
{
    /// <summary>The component named in audit records for the unnamed (default) HttpClient.</summary>
    public const string DefaultComponent = "default";

    /// <summary>
    /// Adds validated <see cref="EgressOptions"/> (section <c>Rag:Egress</c>, checked at start-up: a closed-AI host in
    /// the allow list fails it), the <see cref="EgressPolicy"/>, the system resolver and TCP connector (registered with
    /// TryAdd, so tests may substitute them first), <see cref="IEgressHandlerFactory"/>, <see cref="IEgressEndpointCheck"/>, and a primary handler for every
    /// HttpClient (<c>ConfigureHttpClientDefaults</c>) whose connect callback enforces the policy after name resolution.
    /// Refusals are written to the <c>IAuditLog</c> when one is registered.
    /// </summary>
    public static IServiceCollection AddRagEgress(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(EgressGuard)))
        {
            // Already added (several AddXxx extensions may each ensure the guard): binding twice would double the lists.
            return services;
        }

        services.AddOptions<EgressOptions>()
            .Bind(configuration.GetSection(EgressOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EgressOptions>, EgressOptionsValidator>());
        services.TryAddSingleton(sp => new EgressPolicy(sp.GetRequiredService<IOptions<EgressOptions>>().Value));
        services.TryAddSingleton<IEgressResolver, DnsEgressResolver>();
        services.TryAddSingleton<IEgressConnector, SocketEgressConnector>();
        services.TryAddSingleton<EgressGuard>();
        services.TryAddSingleton<IEgressEndpointCheck>(sp => sp.GetRequiredService<EgressGuard>());
        services.TryAddSingleton<EgressHandlerFactory>();
        services.TryAddSingleton<IEgressHandlerFactory>(sp => sp.GetRequiredService<EgressHandlerFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, EgressHandlerBuilderFilter>());
        services.AddHttpClient();
        services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(sp =>
            sp.GetRequiredService<EgressHandlerFactory>().CreateGuarded(DefaultComponent, takesClientName: true)));
        return services;
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Rag.Web.Authentication;
using Rag.Web.Hosting;

namespace Rag.Web.Api;

/// <summary>Registers the API: its options, API key authentication and the start-up work (configuration audit, warm-up).</summary>
internal static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddRagApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<DeniedSignInLimiter>();
        services.AddHostedService<DeniedSignInSummaryWriter>();
        // Under /v1 only (RagSchemes.ApiOrCookie picks it there); the deny-by-default policy is AddRagSignIn's.
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, configureOptions: null);
        services.AddHostedService<StartupAudit>();
        services.AddHostedService<QuestionPipelineWarmUp>();
        return services;
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Rag.Web.Authentication;
using Rag.Web.Hosting;

namespace Rag.Web.Api;

/// <summary>Registers the API: its options, API key authentication, the deny-by-default authorization policy and the start-up work (configuration audit, warm-up).</summary>
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
        services.AddAuthentication(ApiKeyDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, configureOptions: null);

        // Other sign-in schemes (Entra ID) join this policy; an endpoint without its own rule needs a signed-in caller.
        var signedIn = new AuthorizationPolicyBuilder(ApiKeyDefaults.Scheme).RequireAuthenticatedUser().Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(signedIn)
            .SetFallbackPolicy(signedIn);
        services.AddHostedService<StartupAudit>();
        services.AddHostedService<QuestionPipelineWarmUp>();
        return services;
    }
}

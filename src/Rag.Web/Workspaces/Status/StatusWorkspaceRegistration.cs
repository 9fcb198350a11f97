using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Rag.Web.Workspaces.Status;

/// <summary>Registers the Status workspace (<c>/admin/status</c>): its options and <see cref="StatusService"/>.</summary>
internal static class StatusWorkspaceRegistration
{
    public static IServiceCollection AddStatusWorkspace(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StatusOptions>()
            .Bind(configuration.GetSection(StatusOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StatusOptions>, StatusOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StatusService>();
        return services;
    }
}

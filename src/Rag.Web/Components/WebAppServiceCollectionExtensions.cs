using Rag.Web.Accounts;
using Rag.Web.Authentication;

namespace Rag.Web.Components;

/// <summary>Registers the Blazor Server app: Razor components with interactive server rendering and sign-in.</summary>
internal static class WebAppServiceCollectionExtensions
{
    public static IServiceCollection AddRagWebApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddRagSignIn();
        services.AddRagAccounts(configuration);
        return services;
    }
}

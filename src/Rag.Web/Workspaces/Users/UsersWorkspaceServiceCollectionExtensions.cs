namespace Rag.Web.Workspaces.Users;

/// <summary>Registers what the Users page (Components/Pages/Users) needs beyond the local accounts themselves.</summary>
internal static class UsersWorkspaceServiceCollectionExtensions
{
    public static IServiceCollection AddUsersWorkspace(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddScoped<UserLocks>();
        return services;
    }
}

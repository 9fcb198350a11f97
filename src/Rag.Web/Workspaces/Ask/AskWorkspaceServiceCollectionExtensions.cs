namespace Rag.Web.Workspaces.Ask;

/// <summary>Registers the Ask workspace: its options, the answer renderer and <see cref="AskService"/>.</summary>
internal static class AskWorkspaceServiceCollectionExtensions
{
    public static IServiceCollection AddAskWorkspace(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AskOptions>().Bind(configuration.GetSection(AskOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AnswerMarkdown>();
        services.AddSingleton<AskService>();
        return services;
    }
}

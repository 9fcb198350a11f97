using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Rag.Core.Documents;
using Rag.Ingest.Pipeline;
using Rag.Ingest.Worker;

namespace Rag.Web.Workspaces.Documents;

/// <summary>Registers the Documents workspace: set administration, uploads, live document states, re-index and removal, and the original-file download.</summary>
internal static class DocumentsWorkspaceServiceCollectionExtensions
{
    /// <summary>
    /// Adds the workspace's services and their validated options (<c>Rag:Web:Uploads</c>, <c>Rag:Web:Documents</c>),
    /// and from the ingestion project only what queues work (<see cref="IngestJobEnqueuer"/>, <see cref="DocumentSetPreparation"/>):
    /// no pipeline, reader or worker is registered here, so this app can never run one.
    /// </summary>
    public static IServiceCollection AddDocumentsWorkspace(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UploadOptions>, UploadOptionsValidator>());
        services.AddOptions<DocumentsOptions>().Bind(configuration.GetSection(DocumentsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DocumentLifecycle>();
        services.TryAddSingleton<DocumentSetPreparation>();
        services.TryAddSingleton<IngestJobEnqueuer>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<DocumentFiles>();
        services.AddSingleton<DocumentSetAdministration>();
        services.AddSingleton<DocumentUploads>();
        services.AddSingleton<DocumentStates>();
        services.AddSingleton<DocumentMaintenance>();
        return services;
    }
}

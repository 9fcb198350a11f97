using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rag.Core.Conversations;
using Rag.Core.Storage;
using Rag.Storage.Conversations;

namespace Rag.Storage;

/// <summary>Registers the embedded store: the SQLite document index and conversation store (the audit log is <c>AddRagAudit</c>, in Rag.Audit).</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds validated <see cref="StorageOptions"/> (section <c>Rag:Storage</c>), <see cref="IDocumentIndex"/>
    /// (a <see cref="SqliteDocumentIndex"/>, opened once on first resolve and disposed with the container) and
    /// <see cref="IConversationStore"/> (a <see cref="SqliteConversationStore"/>), all singletons.
    /// </summary>
    public static IServiceCollection AddRagStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => SqliteDocumentIndex.Open(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<ILogger<SqliteDocumentIndex>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDocumentIndex>(sp => sp.GetRequiredService<SqliteDocumentIndex>());
        services.AddSingleton<SqliteConversationStore>();
        services.AddSingleton<IConversationStore>(sp => sp.GetRequiredService<SqliteConversationStore>());
        return services;
    }
}

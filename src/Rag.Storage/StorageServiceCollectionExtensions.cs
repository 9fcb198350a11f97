using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Core.Conversations;
using Rag.Core.Storage;
using Rag.Storage.Audit;
using Rag.Storage.Audit.Export;
using Rag.Storage.Conversations;

namespace Rag.Storage;

/// <summary>Registers the embedded store: the SQLite document index and the SQLite audit log.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds validated <see cref="StorageOptions"/> (section <c>Rag:Storage</c>), <see cref="IDocumentIndex"/>
    /// (a <see cref="SqliteDocumentIndex"/>, opened once on first resolve and disposed with the container) and
    /// <see cref="IAuditLog"/> (a <see cref="SqliteAuditLog"/> with validated <see cref="AuditOptions"/> and its <see cref="AuditKeyProvider"/>) and
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
        services.AddOptions<AuditOptions>()
            .Bind(configuration.GetSection(AuditOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AuditKeyProvider>();
        services.AddSingleton<SqliteAuditLog>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.AddSingleton<AuditExporter>();
        services.AddSingleton<SqliteConversationStore>();
        services.AddSingleton<IConversationStore>(sp => sp.GetRequiredService<SqliteConversationStore>());
        return services;
    }
}

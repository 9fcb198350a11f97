using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rag.Core.Conversations;
using Rag.Core.Ingestion;
using Rag.Core.Storage;
using Rag.Storage.Conversations;
using Rag.Storage.Queue;

namespace Rag.Storage;

/// <summary>Registers the embedded store: the SQLite document index and conversation store (the audit log is <c>AddRagAudit</c>, in Rag.Audit).</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds validated <see cref="StorageOptions"/> (section <c>Rag:Storage</c>), the store ports <see cref="IDocumentCatalog"/>,
    /// <see cref="IVectorIndex"/> and <see cref="IKeywordIndex"/> (the SQLite ones, unless already registered: a later
    /// <c>AddRagQdrant</c> replaces the <see cref="IVectorIndex"/> registration), <see cref="IDocumentIndex"/> over them
    /// (the <see cref="SqliteDocumentIndex"/>, opened once on first resolve and disposed with the container, when all
    /// three are its own; else a <see cref="CompositeDocumentIndex"/>) and
    /// <see cref="IConversationStore"/> (a <see cref="SqliteConversationStore"/>), <see cref="IDocumentInventory"/>, and the ingestion queue
    /// <see cref="IIngestJobStore"/> (a <see cref="SqliteIngestJobStore"/> in the same rag.db, unless already registered;
    /// with validated <see cref="IngestWorkerOptions"/>, section <c>Rag:Ingestion:Worker</c>), all singletons.
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
        services.TryAddSingleton<IDocumentCatalog>(sp => sp.GetRequiredService<SqliteDocumentIndex>().Catalog);
        services.TryAddSingleton<IVectorIndex>(sp => sp.GetRequiredService<SqliteDocumentIndex>().Vectors);
        services.TryAddSingleton<IKeywordIndex>(sp => sp.GetRequiredService<SqliteDocumentIndex>().Keywords);
        services.TryAddSingleton<IDocumentInventory>(sp => sp.GetRequiredService<SqliteDocumentIndex>().Inventory);
        services.AddSingleton<IDocumentIndex>(ComposeIndex);
        services.AddSingleton<SqliteConversationStore>();
        services.AddSingleton<IConversationStore>(sp => sp.GetRequiredService<SqliteConversationStore>());
        services.AddIngestWorkerOptions(configuration);
        services.TryAddSingleton<IIngestJobStore>(sp => SqliteIngestJobStore.Open(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory,
            sp.GetRequiredService<IOptions<IngestWorkerOptions>>().Value.MaxAttempts,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SqliteIngestJobStore>>()));
        return services;
    }

    /// <summary>
    /// The SQLite store itself when every port is its own (one transaction for all three); else the ports as registered
    /// (e.g. <c>services.Replace(ServiceDescriptor.Singleton&lt;IVectorIndex, QdrantVectorIndex&gt;())</c>), composed.
    /// </summary>
    private static IDocumentIndex ComposeIndex(IServiceProvider services)
    {
        var sqlite = services.GetRequiredService<SqliteDocumentIndex>();
        var catalog = services.GetRequiredService<IDocumentCatalog>();
        var vectors = services.GetRequiredService<IVectorIndex>();
        var keywords = services.GetRequiredService<IKeywordIndex>();
        return ReferenceEquals(catalog, sqlite.Catalog) && ReferenceEquals(vectors, sqlite.Vectors) && ReferenceEquals(keywords, sqlite.Keywords)
            ? sqlite
            : new CompositeDocumentIndex(catalog, vectors, keywords);
    }
}

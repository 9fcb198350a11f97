using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Storage;
using Rag.Storage.Logging;
using Rag.Storage.Sqlite;

namespace Rag.Storage;

/// <summary>
/// The embedded document index: the three SQLite ports over one file (<c>rag.db</c>, WAL mode), composed by
/// <see cref="CompositeDocumentIndex"/>: <see cref="Catalog"/> (sets, readers, documents, chunks), <see cref="Vectors"/>
/// (every vector in memory, exact cosine search) and <see cref="Keywords"/> (FTS5). Writes go through one connection,
/// one at a time, and the indexes join the catalog's transaction, so a replacement is atomic; searches use pooled
/// connections and run concurrently.
/// </summary>
/// <remarks>
/// Several processes may open the same file (the web app, the ingestion worker, the CLI): each applies the others'
/// committed vector changes to its in-memory matrix within <see cref="StorageOptions.ChangePollInterval"/> (the change
/// log <c>index_changes</c>, polled with <c>PRAGMA data_version</c>). Access lists, chunks and keyword entries are read
/// from the database on every search, so those changes take effect at once.
/// </remarks>
public sealed class SqliteDocumentIndex : IDocumentIndex, IAsyncDisposable, IDisposable
{
    /// <summary>File name of the database inside <see cref="StorageOptions.DataDirectory"/>.</summary>
    public const string FileName = "rag.db";

    private readonly SqliteStore _store;
    private readonly CompositeDocumentIndex _index;
    private IndexChangeWatcher? _watcher;

    private SqliteDocumentIndex(SqliteStore store, ILogger logger, TimeProvider time, StorageOptions options)
    {
        _store = store;
        Catalog = new SqliteDocumentCatalog(store, logger, time);
        Vectors = new SqliteVectorIndex(store);
        Keywords = new SqliteKeywordIndex(store, options.KeywordAnalyzer, options.KeywordHeadingsWeight, options.KeywordTitleWeight);
        Inventory = new SqliteDocumentInventory(store);
        _index = new CompositeDocumentIndex(Catalog, Vectors, Keywords);
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath => _store.DatabasePath;

    /// <summary>The catalog port of this store.</summary>
    public SqliteDocumentCatalog Catalog { get; }

    /// <summary>The vector index port of this store (the in-memory matrix).</summary>
    public SqliteVectorIndex Vectors { get; }

    /// <summary>The keyword index port of this store (FTS5).</summary>
    public SqliteKeywordIndex Keywords { get; }

    /// <summary>The operator's view of this store's sets and documents.</summary>
    public SqliteDocumentInventory Inventory { get; }

    /// <summary>
    /// Opens (creating or migrating when needed) <c>rag.db</c> in <paramref name="options"/>' data directory and loads
    /// every stored vector into memory. Synchronous: Microsoft.Data.Sqlite does its I/O synchronously in any case.
    /// </summary>
    public static SqliteDocumentIndex Open(StorageOptions options, ILogger? logger = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            throw new ArgumentException("StorageOptions.DataDirectory is required.", nameof(options));
        }

        logger ??= NullLogger.Instance;
        var started = Stopwatch.GetTimestamp();
        var directory = Path.GetFullPath(options.DataDirectory);
        var path = Path.Combine(directory, FileName);
        PrivateFiles.EnsureDatabase(path);
        var connectionString = SqliteFiles.ConnectionString(path, pooling: true);
        var writer = new SqliteConnection(connectionString);
        SqliteStore? store = null;
        SqliteDocumentIndex? index = null;
        try
        {
            writer.Open();
            SqliteFiles.ConfigureWriter(writer, fullSync: false, logger);
            IndexSchema.Migrate(writer, logger, cancellationToken);
            KeywordTable.Ensure(writer, options.KeywordAnalyzer, logger, cancellationToken);
            store = new SqliteStore(path, connectionString, writer);
            index = new SqliteDocumentIndex(store, logger, timeProvider ?? TimeProvider.System, options);
            var loaded = index.Vectors.Load(writer, cancellationToken);
            index._watcher = new IndexChangeWatcher(store, index.Vectors, index.Catalog, logger);
            index._watcher.Start(options.ChangePollInterval);
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            logger.IndexOpened(path, loaded, elapsedMs);
            return index;
        }
        catch
        {
            if (index is not null)
            {
                index.Dispose();
            }
            else if (store is not null)
            {
                store.Dispose();
            }
            else
            {
                writer.Dispose();
            }

            throw;
        }
    }

    /// <summary><see cref="Open"/> on the thread pool, so a large index loads without blocking the caller.</summary>
    public static Task<SqliteDocumentIndex> OpenAsync(StorageOptions options, ILogger? logger = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Open(options, logger, timeProvider, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task EnsureModelAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default) => _index.EnsureModelAsync(model, cancellationToken);

    /// <inheritdoc />
    public Task<EmbeddingModelInfo?> GetModelAsync(CancellationToken cancellationToken = default) => _index.GetModelAsync(cancellationToken);

    /// <inheritdoc />
    public Task UpsertDocumentSetAsync(DocumentSet documentSet, CancellationToken cancellationToken = default) => _index.UpsertDocumentSetAsync(documentSet, cancellationToken);

    /// <inheritdoc />
    public Task<DocumentSet?> GetDocumentSetAsync(string name, CancellationToken cancellationToken = default) => _index.GetDocumentSetAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task<SourceDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default) => _index.GetDocumentAsync(documentId, cancellationToken);

    /// <inheritdoc />
    public Task ReplaceDocumentAsync(SourceDocument document, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken = default) =>
        _index.ReplaceDocumentAsync(document, chunks, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default) => _index.DeleteDocumentAsync(documentId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SearchHit>> SearchDenseAsync(ReadOnlyMemory<float> query, AccessScope scope, int limit, CancellationToken cancellationToken = default) =>
        _index.SearchDenseAsync(query, scope, limit, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SearchHit>> SearchKeywordAsync(string query, AccessScope scope, int limit, CancellationToken cancellationToken = default) =>
        _index.SearchKeywordAsync(query, scope, limit, cancellationToken);

    /// <inheritdoc />
    public Task<IndexStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => _index.GetStatisticsAsync(cancellationToken);

    /// <summary>Applies other processes' committed changes now, if any (the poll loop does the same every interval).</summary>
    internal Task<bool> PollChangesAsync(CancellationToken cancellationToken = default) =>
        _watcher!.PollAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _watcher?.Dispose();
        _store.Dispose();
        Vectors.DisposeMatrix();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

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
using Rag.Storage.Vectors;

namespace Rag.Storage;

/// <summary>
/// The embedded document index: documents, chunks, access lists and a full-text index in one SQLite file
/// (<c>rag.db</c>, WAL mode), and every vector in memory (<see cref="VectorMatrix"/>) for exact cosine search.
/// Writes go through one connection, one at a time; searches use pooled connections and run concurrently.
/// </summary>
/// <remarks>
/// The in-memory vectors reflect the writes of this instance: one process (or one container) owns the data directory.
/// Access lists are read from the database on every search, so a changed set takes effect at once.
/// </remarks>
public sealed class SqliteDocumentIndex : IDocumentIndex, IAsyncDisposable, IDisposable
{
    /// <summary>File name of the database inside <see cref="StorageOptions.DataDirectory"/>.</summary>
    public const string FileName = "rag.db";

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SetOrdinalTable _sets = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private EmbeddingModelInfo? _model;
    private VectorMatrix? _matrix;
    private int _disposed;

    private SqliteDocumentIndex(string path, string connectionString, SqliteConnection writer, ILogger logger, TimeProvider time)
    {
        DatabasePath = path;
        _connectionString = connectionString;
        _writer = writer;
        _logger = logger;
        _time = time;
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

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
        SqliteDocumentIndex? index = null;
        try
        {
            writer.Open();
            SqliteFiles.ConfigureWriter(writer, fullSync: false, logger);
            IndexSchema.Migrate(writer, logger, cancellationToken);
            index = new SqliteDocumentIndex(path, connectionString, writer, logger, timeProvider ?? TimeProvider.System);
            var loaded = index.Load(cancellationToken);
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            logger.IndexOpened(path, loaded, elapsedMs);
            return index;
        }
        catch
        {
            if (index is null)
            {
                writer.Dispose();
            }
            else
            {
                index.Dispose();
            }

            throw;
        }
    }

    /// <summary><see cref="Open"/> on the thread pool, so a large index loads without blocking the caller.</summary>
    public static Task<SqliteDocumentIndex> OpenAsync(StorageOptions options, ILogger? logger = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Open(options, logger, timeProvider, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task EnsureModelAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(model.ModelId, nameof(model));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(model.Dimensions, nameof(model));
        ThrowIfDisposed();
        if (Volatile.Read(ref _model) is { } bound)
        {
            ModelGuard.ThrowIfDifferent(bound, model);
            return;
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = _writer.BeginTransaction(deferred: false);
            if (IndexMeta.ReadModel(_writer, transaction) is { } stored)
            {
                // Another process bound it first.
                ModelGuard.ThrowIfDifferent(stored, model);
                Bind(stored);
                return;
            }

            await IndexMeta.WriteModelAsync(transaction, model, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Bind(model);
            _logger.ModelBound(model.ModelId, model.Dimensions);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public Task<EmbeddingModelInfo?> GetModelAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Task.FromResult(Volatile.Read(ref _model));
    }

    /// <inheritdoc />
    public async Task UpsertDocumentSetAsync(DocumentSet documentSet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentSet);
        ArgumentException.ThrowIfNullOrWhiteSpace(documentSet.Name, nameof(documentSet));
        ArgumentNullException.ThrowIfNull(documentSet.Groups, nameof(documentSet));
        ThrowIfDisposed();
        var name = NameKey.Normalize(documentSet.Name, "document set");
        var groups = documentSet.Groups
            .Where(g => !string.IsNullOrWhiteSpace(g))
            .Select(g => NameKey.Normalize(g, "group"))
            .DistinctBy(AccessKeys.GroupKey, StringComparer.Ordinal)
            .ToList();

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = _writer.BeginTransaction(deferred: false);
            var canonical = await CatalogQueries.UpsertSetAsync(transaction, name, groups, _time.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            _sets.GetOrAdd(canonical);
            _logger.DocumentSetChanged(canonical, groups.Count);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<DocumentSet?> GetDocumentSetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ThrowIfDisposed();
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await CatalogQueries.GetSetAsync(connection, name, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SourceDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        ThrowIfDisposed();
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await CatalogQueries.GetDocumentAsync(connection, documentId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task ReplaceDocumentAsync(SourceDocument document, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(chunks);
        ThrowIfDisposed();
        var unitVectors = ModelGuard.PrepareVectors(Volatile.Read(ref _model), document, chunks);

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = _writer.BeginTransaction(deferred: false);
            var setName = await IndexMeta.CanonicalSetNameAsync(transaction, document.SetName, cancellationToken)
                ?? throw new InvalidOperationException(
                    $"Document set '{document.SetName}' does not exist. Create it with {nameof(UpsertDocumentSetAsync)} (naming the groups that may read it) before adding documents.");
            var (removed, written) = await DocumentWrites.ReplaceAsync(transaction, setName, document, chunks, unitVectors, _time.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            // After the commit: a search in between sees the old rows, whose hydration then skips deleted rowids.
            var ordinal = _sets.GetOrAdd(setName);
            var rows = new VectorRow[written.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = new VectorRow(written[i], ordinal, unitVectors[i]);
            }

            Volatile.Read(ref _matrix)?.Apply(removed, rows);
            _logger.DocumentReplaced(document.DocumentId, setName, written.Length, removed.Count);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        ThrowIfDisposed();
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = _writer.BeginTransaction(deferred: false);
            var removed = await DocumentWrites.DeleteAsync(transaction, documentId, cancellationToken);
            if (removed is null)
            {
                return false;
            }

            await transaction.CommitAsync(cancellationToken);
            Volatile.Read(ref _matrix)?.Apply(removed, []);
            _logger.DocumentDeleted(documentId, removed.Count);
            return true;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SearchHit>> SearchDenseAsync(ReadOnlyMemory<float> query, AccessScope scope, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ThrowIfDisposed();
        ModelGuard.ThrowIfWrongQuery(Volatile.Read(ref _model), query.Length);
        var matrix = Volatile.Read(ref _matrix);
        if (scope.IsEmpty || limit == 0 || matrix is null)
        {
            return [];
        }

        await using var connection = await OpenReaderAsync(cancellationToken);
        var readable = await ChunkQueries.ReadableSetsAsync(connection, AccessKeys.GroupKeysJson(scope), cancellationToken);
        if (readable.Count == 0)
        {
            return [];
        }

        var top = matrix.Search(query.Span, _sets.Mask(readable), limit);
        return top.Length == 0 ? [] : await ChunkQueries.HydrateAsync(connection, top, readable, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SearchHit>> SearchKeywordAsync(string query, AccessScope scope, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ThrowIfDisposed();
        if (scope.IsEmpty || limit == 0 || FtsQuery.Build(query) is not { } match)
        {
            return [];
        }

        await using var connection = await OpenReaderAsync(cancellationToken);
        var readable = await ChunkQueries.ReadableSetsAsync(connection, AccessKeys.GroupKeysJson(scope), cancellationToken);
        return readable.Count == 0 ? [] : await ChunkQueries.KeywordAsync(connection, match, readable, limit, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IndexStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await CatalogQueries.GetStatisticsAsync(connection, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _writer.Dispose();
        using (var pooled = new SqliteConnection(_connectionString))
        {
            // Close the idle reader connections too, so the file is released (and the WAL checkpointed) now.
            SqliteConnection.ClearPool(pooled);
        }

        _matrix?.Dispose();
        _writeGate.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private int Load(CancellationToken cancellationToken)
    {
        if (IndexMeta.ReadModel(_writer, null) is not { } model)
        {
            return 0;
        }

        _matrix = IndexMeta.LoadVectors(_writer, model, _sets, cancellationToken);
        _model = model;
        return _matrix.Count;
    }

    private void Bind(EmbeddingModelInfo model)
    {
        if (Volatile.Read(ref _matrix) is null)
        {
            Volatile.Write(ref _matrix, new VectorMatrix(model.Dimensions));
        }

        Volatile.Write(ref _model, model);
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}

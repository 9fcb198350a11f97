using System.Diagnostics;
using System.Globalization;
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
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
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
            ThrowIfDifferent(bound, model);
            return;
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = _writer.BeginTransaction(deferred: false);
            if (ReadModel(transaction) is { } stored)
            {
                ThrowIfDifferent(stored, model);
                Bind(stored);
                return;
            }

            await using var command = _writer.Command(
                "INSERT INTO meta (key, value) VALUES ($id_key, $id), ($dim_key, $dim);", transaction);
            command.Parameters.AddWithValue("$id_key", IndexSchema.ModelIdKey);
            command.Parameters.AddWithValue("$id", model.ModelId);
            command.Parameters.AddWithValue("$dim_key", IndexSchema.DimensionsKey);
            command.Parameters.AddWithValue("$dim", model.Dimensions.ToString(CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(cancellationToken);
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
        var name = documentSet.Name.Trim();
        var groups = documentSet.Groups
            .Where(g => !string.IsNullOrWhiteSpace(g))
            .Select(g => g.Trim())
            .DistinctBy(AccessKeys.GroupKey, StringComparer.Ordinal)
            .ToList();

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = _writer.BeginTransaction(deferred: false);
            await using (var insert = _writer.Command("INSERT INTO document_sets (name, created_utc) VALUES ($name, $now) ON CONFLICT (name) DO NOTHING;", transaction))
            {
                insert.Parameters.AddWithValue("$name", name);
                insert.Parameters.AddWithValue("$now", _time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            var canonical = await CanonicalSetNameAsync(transaction, name, cancellationToken) ?? name;
            await using (var clear = _writer.Command("DELETE FROM set_groups WHERE set_name = $name;", transaction))
            {
                clear.Parameters.AddWithValue("$name", canonical);
                await clear.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var add = _writer.Command("INSERT INTO set_groups (set_name, group_key, group_name) VALUES ($name, $key, $group);", transaction))
            {
                var key = add.Parameters.AddWithValue("$key", string.Empty);
                var group = add.Parameters.AddWithValue("$group", string.Empty);
                add.Parameters.AddWithValue("$name", canonical);
                foreach (var g in groups)
                {
                    key.Value = AccessKeys.GroupKey(g);
                    group.Value = g;
                    await add.ExecuteNonQueryAsync(cancellationToken);
                }
            }

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
        await using var command = connection.Command(
            "SELECT s.name, g.group_name FROM document_sets s LEFT JOIN set_groups g ON g.set_name = s.name WHERE s.name = $name ORDER BY g.group_name;");
        command.Parameters.AddWithValue("$name", name.Trim());
        string? canonical = null;
        var groups = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            canonical = reader.GetString(0);
            if (!reader.IsDBNull(1))
            {
                groups.Add(reader.GetString(1));
            }
        }

        return canonical is null ? null : new DocumentSet(canonical, groups);
    }

    /// <inheritdoc />
    public async Task<SourceDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        ThrowIfDisposed();
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT document_id, set_name, title, source_path, content_hash, media_type, page_count FROM documents WHERE document_id = $id;");
        command.Parameters.AddWithValue("$id", documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new SourceDocument(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6))
            : null;
    }

    /// <inheritdoc />
    public async Task ReplaceDocumentAsync(SourceDocument document, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(chunks);
        ThrowIfDisposed();
        var unitVectors = PrepareVectors(document, chunks);

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = _writer.BeginTransaction(deferred: false);
            var setName = await CanonicalSetNameAsync(transaction, document.SetName, cancellationToken)
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
        var model = Volatile.Read(ref _model);
        if (model is not null && query.Length != model.Dimensions)
        {
            throw new EmbeddingModelMismatchException(
                $"The query vector has {query.Length} dimensions, but this index holds vectors of embedding model '{model.ModelId}' ({model.Dimensions} dimensions). " +
                "Embed questions with the model the index was built with.");
        }

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
        return await ChunkQueries.KeywordAsync(connection, match, AccessKeys.GroupKeysJson(scope), limit, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IndexStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT (SELECT count(*) FROM document_sets), (SELECT count(*) FROM documents), (SELECT count(*) FROM chunks);");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new IndexStatistics(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
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

    private static void ThrowIfDifferent(EmbeddingModelInfo bound, EmbeddingModelInfo requested)
    {
        if (!string.Equals(bound.ModelId, requested.ModelId, StringComparison.Ordinal) || bound.Dimensions != requested.Dimensions)
        {
            throw new EmbeddingModelMismatchException(
                $"This index was built with embedding model '{bound.ModelId}' ({bound.Dimensions} dimensions), but model '{requested.ModelId}' " +
                $"({requested.Dimensions} dimensions) is configured. Vectors of different models cannot be compared: configure '{bound.ModelId}' again, " +
                "or re-ingest every document into a new, empty data directory.");
        }
    }

    private float[][] PrepareVectors(SourceDocument document, IReadOnlyList<EmbeddedChunk> chunks)
    {
        var model = Volatile.Read(ref _model);
        if (chunks.Count > 0 && model is null)
        {
            throw new InvalidOperationException($"No embedding model is bound to this index yet; call {nameof(EnsureModelAsync)} before adding chunks.");
        }

        var ids = new HashSet<Guid>();
        var vectors = new float[chunks.Count][];
        for (var i = 0; i < chunks.Count; i++)
        {
            var (chunk, vector) = chunks[i];
            if (!string.Equals(chunk.DocumentId, document.DocumentId, StringComparison.Ordinal) ||
                !string.Equals(chunk.SetName, document.SetName, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"Chunk {chunk.Id} belongs to document '{chunk.DocumentId}' in set '{chunk.SetName}', not to '{document.DocumentId}' in '{document.SetName}'.", nameof(chunks));
            }

            if (!ids.Add(chunk.Id))
            {
                throw new ArgumentException($"Chunk id {chunk.Id} occurs twice in document '{document.DocumentId}'.", nameof(chunks));
            }

            if (vector.Length != model!.Dimensions)
            {
                throw new EmbeddingModelMismatchException(
                    $"Chunk {chunk.Index} of document '{document.DocumentId}' has a vector of {vector.Length} dimensions, but this index holds vectors of " +
                    $"embedding model '{model.ModelId}' ({model.Dimensions} dimensions). Embed with that model, or re-ingest into a new, empty data directory.");
            }

            if (!VectorMath.IsFinite(vector.Span))
            {
                throw new ArgumentException($"Chunk {chunk.Index} of document '{document.DocumentId}' has a vector with NaN or infinite components.", nameof(chunks));
            }

            vectors[i] = VectorMath.Normalized(vector.Span);
        }

        return vectors;
    }

    private int Load(CancellationToken cancellationToken)
    {
        foreach (var name in ReadSetNames())
        {
            _sets.GetOrAdd(name);
        }

        if (ReadModel(null) is not { } model)
        {
            return 0;
        }

        var count = int.Parse(_writer.ScalarText("SELECT CAST(count(*) AS TEXT) FROM chunks;") ?? "0", CultureInfo.InvariantCulture);
        var matrix = new VectorMatrix(model.Dimensions, count);
        var vector = new float[model.Dimensions];
        var blob = new byte[model.Dimensions * sizeof(float)];
        using (var command = _writer.Command("SELECT rowid, set_name, vector FROM chunks;"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var length = reader.GetBytes(2, 0, null, 0, 0);
                if (length != blob.Length)
                {
                    throw new InvalidDataException($"Chunk rowid {reader.GetInt64(0)} in '{DatabasePath}' has a {length}-byte vector; model '{model.ModelId}' needs {blob.Length} bytes.");
                }

                reader.GetBytes(2, 0, blob, 0, blob.Length);
                VectorMath.FromBlob(blob, vector);
                matrix.Upsert(reader.GetInt64(0), _sets.GetOrAdd(reader.GetString(1)), vector);
            }
        }

        _model = model;
        _matrix = matrix;
        return matrix.Count;
    }

    private void Bind(EmbeddingModelInfo model)
    {
        if (Volatile.Read(ref _matrix) is null)
        {
            Volatile.Write(ref _matrix, new VectorMatrix(model.Dimensions));
        }

        Volatile.Write(ref _model, model);
    }

    private List<string> ReadSetNames()
    {
        using var command = _writer.Command("SELECT name FROM document_sets;");
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private EmbeddingModelInfo? ReadModel(SqliteTransaction? transaction)
    {
        using var command = _writer.Command("SELECT key, value FROM meta WHERE key IN ($id_key, $dim_key);", transaction);
        command.Parameters.AddWithValue("$id_key", IndexSchema.ModelIdKey);
        command.Parameters.AddWithValue("$dim_key", IndexSchema.DimensionsKey);
        string? id = null;
        string? dimensions = null;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (reader.GetString(0) == IndexSchema.ModelIdKey)
            {
                id = reader.GetString(1);
            }
            else
            {
                dimensions = reader.GetString(1);
            }
        }

        return id is null || dimensions is null ? null : new EmbeddingModelInfo(id, int.Parse(dimensions, CultureInfo.InvariantCulture));
    }

    private async Task<string?> CanonicalSetNameAsync(SqliteTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = _writer.Command("SELECT name FROM document_sets WHERE name = $name;", transaction);
        command.Parameters.AddWithValue("$name", name.Trim());
        return await command.ExecuteScalarAsync(cancellationToken) as string;
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

using Microsoft.Extensions.Logging;
using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Storage;
using Rag.Storage.Logging;
using Rag.Storage.Sqlite;

namespace Rag.Storage;

/// <summary>
/// The embedded <see cref="IDocumentCatalog"/>: sets, readers, documents, chunks and the bound model in <c>rag.db</c>.
/// A replacement or deletion is one transaction; an index of the same store called from inside it joins it, so with
/// the SQLite indexes a document's catalog rows, vectors and keyword entries change together.
/// </summary>
public sealed class SqliteDocumentCatalog : IDocumentCatalog
{
    private readonly SqliteStore _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private EmbeddingModelInfo? _model;

    internal SqliteDocumentCatalog(SqliteStore store, ILogger logger, TimeProvider time)
    {
        _store = store;
        _logger = logger;
        _time = time;
        _model = IndexMeta.ReadModel(store.Writer, null);
    }

    /// <inheritdoc />
    public async Task EnsureModelAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(model.ModelId, nameof(model));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(model.Dimensions, nameof(model));
        _store.ThrowIfDisposed();
        if (Volatile.Read(ref _model) is { } bound)
        {
            ModelGuard.ThrowIfDifferent(bound, model);
            return;
        }

        await _store.WriteAsync(
            async (transaction, ct) =>
            {
                if (IndexMeta.ReadModel(transaction.Connection!, transaction) is { } stored)
                {
                    // Another process (or this store's vector index) bound it first.
                    ModelGuard.ThrowIfDifferent(stored, model);
                    _store.AfterCommit(() => Volatile.Write(ref _model, stored));
                    return 0;
                }

                await IndexMeta.WriteModelAsync(transaction, model, ct);
                _store.AfterCommit(() =>
                {
                    Volatile.Write(ref _model, model);
                    _logger.ModelBound(model.ModelId, model.Dimensions);
                });
                return 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<EmbeddingModelInfo?> GetModelAsync(CancellationToken cancellationToken = default)
    {
        _store.ThrowIfDisposed();
        return Task.FromResult(Volatile.Read(ref _model));
    }

    /// <summary>Takes the model another process bound (seen through the change log) when this catalog knew none.</summary>
    internal void AdoptModel(EmbeddingModelInfo? model)
    {
        if (model is not null)
        {
            Interlocked.CompareExchange(ref _model, model, null);
        }
    }

    /// <inheritdoc />
    public async Task UpsertDocumentSetAsync(DocumentSet documentSet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentSet);
        ArgumentException.ThrowIfNullOrWhiteSpace(documentSet.Name, nameof(documentSet));
        ArgumentNullException.ThrowIfNull(documentSet.Groups, nameof(documentSet));
        _store.ThrowIfDisposed();
        var name = NameKey.Normalize(documentSet.Name, "document set");
        var groups = documentSet.Groups
            .Where(g => !string.IsNullOrWhiteSpace(g))
            .Select(g => NameKey.Normalize(g, "group"))
            .DistinctBy(AccessKeys.GroupKey, StringComparer.Ordinal)
            .ToList();

        var canonical = await _store.WriteAsync(
            async (transaction, ct) =>
            {
                var canonical = await CatalogQueries.UpsertSetAsync(transaction, name, groups, _time.GetUtcNow(), ct);
                await IndexChanges.AppendAsync(transaction, IndexChanges.Set, canonical, ct);
                return canonical;
            },
            cancellationToken);
        _logger.DocumentSetChanged(canonical, groups.Count);
    }

    /// <inheritdoc />
    public async Task<DocumentSet?> GetDocumentSetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await _store.OpenReaderAsync(cancellationToken);
        return await CatalogQueries.GetSetAsync(connection, name, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SourceDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        await using var connection = await _store.OpenReaderAsync(cancellationToken);
        return await CatalogQueries.GetDocumentAsync(connection, documentId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Guid>> ReplaceDocumentAsync(
        SourceDocument document, IReadOnlyList<Chunk> chunks, Func<string, CancellationToken, Task> writeIndexes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(writeIndexes);
        _store.ThrowIfDisposed();
        var (setName, removed) = await _store.WriteAsync(
            async (transaction, ct) =>
            {
                var setName = await IndexMeta.CanonicalSetNameAsync(transaction, document.SetName, ct)
                    ?? throw new InvalidOperationException(
                        $"Document set '{document.SetName}' does not exist. Create it with {nameof(UpsertDocumentSetAsync)} (naming the groups that may read it) before adding documents.");
                var removed = await DocumentWrites.ReplaceAsync(transaction, setName, document, chunks, _time.GetUtcNow(), ct);
                await IndexChanges.AppendAsync(transaction, IndexChanges.Document, document.DocumentId, ct);
                await IndexChanges.PruneAsync(transaction, ct);
                await writeIndexes(setName, ct);
                return (setName, removed);
            },
            cancellationToken);
        _logger.DocumentReplaced(document.DocumentId, setName, chunks.Count, removed.Count);
        return removed;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteDocumentAsync(string documentId, Func<CancellationToken, Task> deleteIndexes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        ArgumentNullException.ThrowIfNull(deleteIndexes);
        _store.ThrowIfDisposed();
        var removed = await _store.WriteAsync(
            async (transaction, ct) =>
            {
                var removed = await DocumentWrites.DeleteAsync(transaction, documentId, ct);
                if (removed is null)
                {
                    _store.RollBack();
                    return null;
                }

                await IndexChanges.AppendAsync(transaction, IndexChanges.Document, documentId, ct);
                await deleteIndexes(ct);
                return removed;
            },
            cancellationToken);
        if (removed is null)
        {
            return false;
        }

        _logger.DocumentDeleted(documentId, removed.Value);
        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetReadableSetsAsync(AccessScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.IsEmpty)
        {
            return [];
        }

        await using var connection = await _store.OpenReaderAsync(cancellationToken);
        return await ChunkQueries.ReadableSetsAsync(connection, AccessKeys.GroupKeysJson(scope), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SearchHit>> HydrateAsync(IReadOnlyList<ScoredChunk> hits, IReadOnlyList<string> readableSets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentNullException.ThrowIfNull(readableSets);
        if (hits.Count == 0 || readableSets.Count == 0)
        {
            return [];
        }

        await using var connection = await _store.OpenReaderAsync(cancellationToken);
        return await ChunkQueries.HydrateAsync(connection, hits, readableSets, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IndexStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _store.OpenReaderAsync(cancellationToken);
        return await CatalogQueries.GetStatisticsAsync(connection, cancellationToken);
    }
}

using System.Globalization;
using Microsoft.Data.Sqlite;
using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Storage;
using Rag.Storage.Sqlite;
using Rag.Storage.Vectors;

namespace Rag.Storage;

/// <summary>
/// The embedded <see cref="IVectorIndex"/>: every vector in memory (<see cref="VectorMatrix"/>) for exact cosine search,
/// persisted in <c>rag.db</c>'s <c>chunk_vectors</c> table and loaded at open. The readable-sets filter is a mask over
/// the rows' set ordinals, applied inside the scan. Called inside the SQLite catalog's transaction it joins it, and the
/// matrix changes only after that commit.
/// </summary>
public sealed class SqliteVectorIndex : IVectorIndex
{
    private readonly SqliteStore _store;
    private readonly SetOrdinalTable _sets = new();
    private EmbeddingModelInfo? _model;
    private VectorMatrix? _matrix;
    private long _appliedSeq;

    internal SqliteVectorIndex(SqliteStore store) => _store = store;

    /// <summary>The bound model, null until one is bound (here or, seen through the change log, by another process).</summary>
    internal EmbeddingModelInfo? Model => Volatile.Read(ref _model);

    /// <summary>Number of vectors in memory.</summary>
    public int Count => Volatile.Read(ref _matrix)?.Count ?? 0;

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

        // The binding lives in meta, shared with the SQLite catalog: whichever binds first, the other checks against it.
        await _store.WriteAsync(
            async (transaction, ct) =>
            {
                if (IndexMeta.ReadModel(transaction.Connection!, transaction) is { } stored)
                {
                    ModelGuard.ThrowIfDifferent(stored, model);
                    _store.AfterCommit(() => Bind(stored));
                    return 0;
                }

                await IndexMeta.WriteModelAsync(transaction, model, ct);
                _store.AfterCommit(() => Bind(model));
                return 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task UpsertAsync(string canonicalSetName, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(canonicalSetName);
        ArgumentNullException.ThrowIfNull(chunks);
        _store.ThrowIfDisposed();
        var unitVectors = ModelGuard.PrepareVectors(Volatile.Read(ref _model), chunks);
        if (chunks.Count == 0)
        {
            return;
        }

        await _store.WriteAsync(
            async (transaction, ct) =>
            {
                await using var upsert = transaction.Connection!.Command(
                    "INSERT INTO chunk_vectors (chunk_id, document_id, set_name, vector) VALUES ($chunk_id, $document_id, $set_name, $vector) " +
                    "ON CONFLICT (chunk_id) DO UPDATE SET document_id = excluded.document_id, set_name = excluded.set_name, vector = excluded.vector;",
                    transaction);
                for (var i = 0; i < chunks.Count; i++)
                {
                    var chunk = chunks[i].Chunk;
                    DocumentWrites.Set(upsert, "$chunk_id", chunk.Id.ToString("D", CultureInfo.InvariantCulture));
                    DocumentWrites.Set(upsert, "$document_id", chunk.DocumentId);
                    DocumentWrites.Set(upsert, "$set_name", canonicalSetName);
                    DocumentWrites.Set(upsert, "$vector", VectorMath.ToBlob(unitVectors[i]));
                    await upsert.ExecuteNonQueryAsync(ct);
                }

                await IndexChanges.AppendVectorsAsync(transaction, chunks.Select(c => c.Chunk.Id.ToString("D", CultureInfo.InvariantCulture)), ct);

                _store.AfterCommit(() =>
                {
                    var ordinal = _sets.GetOrAdd(canonicalSetName);
                    var rows = new VectorRow[chunks.Count];
                    for (var i = 0; i < rows.Length; i++)
                    {
                        rows[i] = new VectorRow(chunks[i].Chunk.Id, ordinal, unitVectors[i]);
                    }

                    Volatile.Read(ref _matrix)?.Apply([], rows);
                });
                return 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> DeleteDocumentAsync(string documentId, IReadOnlyCollection<Guid> keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        ArgumentNullException.ThrowIfNull(keep);
        _store.ThrowIfDisposed();
        return _store.WriteAsync(
            async (transaction, ct) =>
            {
                var removed = new List<Guid>();
                await using (var select = transaction.Connection!.Command("SELECT chunk_id FROM chunk_vectors WHERE document_id = $id;", transaction))
                {
                    select.Parameters.AddWithValue("$id", documentId);
                    await using var reader = await select.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        var id = Guid.Parse(reader.GetString(0));
                        if (!keep.Contains(id))
                        {
                            removed.Add(id);
                        }
                    }
                }

                await using var delete = transaction.Connection!.Command("DELETE FROM chunk_vectors WHERE chunk_id = $id;", transaction);
                foreach (var id in removed)
                {
                    DocumentWrites.Set(delete, "$id", id.ToString("D", CultureInfo.InvariantCulture));
                    await delete.ExecuteNonQueryAsync(ct);
                }

                await IndexChanges.AppendVectorsAsync(transaction, removed.Select(id => id.ToString("D", CultureInfo.InvariantCulture)), ct);

                if (removed.Count > 0)
                {
                    _store.AfterCommit(() => Volatile.Read(ref _matrix)?.Apply(removed, []));
                }

                return removed.Count;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> query, IReadOnlyCollection<string> readableSets, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(readableSets);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        _store.ThrowIfDisposed();
        ModelGuard.ThrowIfWrongQuery(Volatile.Read(ref _model), query.Length);
        var matrix = Volatile.Read(ref _matrix);
        if (readableSets.Count == 0 || limit == 0 || matrix is null)
        {
            return Task.FromResult<IReadOnlyList<ScoredChunk>>([]);
        }

        return Task.FromResult<IReadOnlyList<ScoredChunk>>(matrix.Search(query.Span, _sets.Mask(readableSets), limit));
    }

    /// <summary>The last <c>index_changes</c> seq this matrix reflects: what it loaded, its own writes and what <see cref="Refresh"/> applied.</summary>
    internal long AppliedSeq => Volatile.Read(ref _appliedSeq);

    /// <summary>Loads the bound model's vectors at open, with the change log's position in the same snapshot; returns how many.</summary>
    internal int Load(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var snapshot = connection.BeginTransaction(deferred: true);
        _appliedSeq = IndexChanges.LastSeq(connection, snapshot);
        if (IndexMeta.ReadModel(connection, snapshot) is not { } model)
        {
            return 0;
        }

        _matrix = IndexMeta.LoadVectors(connection, model, _sets, cancellationToken, snapshot);
        _model = model;
        return _matrix.Count;
    }

    /// <summary>
    /// Applies what other connections (other processes) committed since <see cref="AppliedSeq"/>: for each chunk named
    /// by a <c>vector</c> change, its current row in <c>chunk_vectors</c> is upserted, or removed when gone. Reads one
    /// snapshot of <paramref name="connection"/>; the caller holds the store's write gate, so this process's own writes
    /// are never overtaken by an older read. When pruning passed <see cref="AppliedSeq"/>, reloads every vector instead.
    /// </summary>
    /// <returns>The number of chunk changes applied (-1 for a reload).</returns>
    internal int Refresh(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var snapshot = connection.BeginTransaction(deferred: true);
        var last = IndexChanges.LastSeq(connection, snapshot);
        var applied = Volatile.Read(ref _appliedSeq);
        if (last <= applied)
        {
            return 0;
        }

        if (Volatile.Read(ref _model) is not { } model)
        {
            if (IndexMeta.ReadModel(connection, snapshot) is not { } stored)
            {
                return 0;
            }

            Bind(stored);
            model = stored;
        }

        if (IndexChanges.PrunedPast(connection, snapshot, applied))
        {
            // The old matrix is left to the collector, not disposed: a search may still be scanning it.
            Volatile.Write(ref _matrix, IndexMeta.LoadVectors(connection, model, _sets, cancellationToken, snapshot));
            Volatile.Write(ref _appliedSeq, last);
            return -1;
        }

        var changes = IndexMeta.ReadVectorChanges(connection, snapshot, model, applied, last, cancellationToken);
        var removed = new List<Guid>();
        var rows = new List<VectorRow>();
        foreach (var (chunkId, change) in changes)
        {
            if (change is { } current)
            {
                rows.Add(new VectorRow(chunkId, _sets.GetOrAdd(current.SetName), current.Vector));
            }
            else
            {
                removed.Add(chunkId);
            }
        }

        Volatile.Read(ref _matrix)?.Apply(removed, rows);
        Volatile.Write(ref _appliedSeq, last);
        return changes.Count;
    }

    internal void DisposeMatrix() => _matrix?.Dispose();

    private void Bind(EmbeddingModelInfo model)
    {
        if (Volatile.Read(ref _matrix) is null)
        {
            Volatile.Write(ref _matrix, new VectorMatrix(model.Dimensions));
        }

        Volatile.Write(ref _model, model);
    }
}

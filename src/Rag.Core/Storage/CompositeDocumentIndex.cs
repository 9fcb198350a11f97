using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Embeddings;

namespace Rag.Core.Storage;

/// <summary>
/// <see cref="IDocumentIndex"/> over the three store ports, so that any catalog, vector index and keyword index combine.
/// </summary>
/// <remarks>
/// Write order, safe without a transaction shared by the ports:
/// <list type="number">
/// <item>The catalog opens its transaction, checks the set and the document id (collision: refused), writes the new chunk
/// rows and removes the superseded ones (uncommitted).</item>
/// <item>Inside it, the new vectors are upserted, then the keyword entries replaced. An index on the catalog's own database
/// joins that transaction; another one writes at once.</item>
/// <item>The catalog commits: from now on hydration finds the new chunks, and only them.</item>
/// <item>The document's other vectors (the superseded version, or leftovers of an earlier failed write) are deleted.</item>
/// </list>
/// A failure before the commit rolls the catalog back; new vectors or keyword entries already written elsewhere have no
/// catalog row, so hydration drops them, and the next replacement of the document deletes them. Deletion commits the
/// catalog first, then removes the vectors. A search therefore never returns a chunk whose catalog row is gone.
/// </remarks>
public sealed class CompositeDocumentIndex : IDocumentIndex
{
    private readonly IDocumentCatalog _catalog;
    private readonly IVectorIndex _vectors;
    private readonly IKeywordIndex _keywords;

    /// <summary>Composes <paramref name="catalog"/>, <paramref name="vectors"/> and <paramref name="keywords"/>.</summary>
    public CompositeDocumentIndex(IDocumentCatalog catalog, IVectorIndex vectors, IKeywordIndex keywords)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(keywords);
        _catalog = catalog;
        _vectors = vectors;
        _keywords = keywords;
    }

    /// <inheritdoc />
    public async Task EnsureModelAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default)
    {
        await _catalog.EnsureModelAsync(model, cancellationToken);
        await _vectors.EnsureModelAsync(model, cancellationToken);
    }

    /// <inheritdoc />
    public Task<EmbeddingModelInfo?> GetModelAsync(CancellationToken cancellationToken = default) => _catalog.GetModelAsync(cancellationToken);

    /// <inheritdoc />
    public Task UpsertDocumentSetAsync(DocumentSet documentSet, CancellationToken cancellationToken = default) =>
        _catalog.UpsertDocumentSetAsync(documentSet, cancellationToken);

    /// <inheritdoc />
    public Task<DocumentSet?> GetDocumentSetAsync(string name, CancellationToken cancellationToken = default) => _catalog.GetDocumentSetAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task<SourceDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default) => _catalog.GetDocumentAsync(documentId, cancellationToken);

    /// <inheritdoc />
    public async Task ReplaceDocumentAsync(SourceDocument document, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(chunks);
        var plain = CheckChunks(document, chunks);
        await _catalog.ReplaceDocumentAsync(
            document,
            plain,
            async (setName, ct) =>
            {
                await _vectors.UpsertAsync(setName, chunks, ct);
                await _keywords.ReplaceDocumentAsync(document, setName, plain, ct);
            },
            cancellationToken);
        var keep = new HashSet<Guid>(plain.Length);
        foreach (var chunk in plain)
        {
            keep.Add(chunk.Id);
        }

        await _vectors.DeleteDocumentAsync(document.DocumentId, keep, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        if (!await _catalog.DeleteDocumentAsync(documentId, async ct => await _keywords.DeleteDocumentAsync(documentId, ct), cancellationToken))
        {
            return false;
        }

        await _vectors.DeleteDocumentAsync(documentId, [], cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SearchHit>> SearchDenseAsync(ReadOnlyMemory<float> query, AccessScope scope, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (scope.IsEmpty || limit == 0)
        {
            // Still refuse a query of the wrong model, as a search with readers would.
            await _vectors.SearchAsync(query, [], 0, cancellationToken);
            return [];
        }

        var readable = await _catalog.GetReadableSetsAsync(scope, cancellationToken);
        var top = await _vectors.SearchAsync(query, readable, limit, cancellationToken);
        return top.Count == 0 ? [] : await _catalog.HydrateAsync(top, readable, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SearchHit>> SearchKeywordAsync(string query, AccessScope scope, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (scope.IsEmpty || limit == 0)
        {
            return [];
        }

        var readable = await _catalog.GetReadableSetsAsync(scope, cancellationToken);
        if (readable.Count == 0)
        {
            return [];
        }

        var top = await _keywords.SearchAsync(query, readable, limit, cancellationToken);
        return top.Count == 0 ? [] : await _catalog.HydrateAsync(top, readable, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IndexStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => _catalog.GetStatisticsAsync(cancellationToken);

    /// <summary>Every chunk must belong to <paramref name="document"/> and have its own id; returns the chunks without vectors.</summary>
    private static Chunk[] CheckChunks(SourceDocument document, IReadOnlyList<EmbeddedChunk> chunks)
    {
        var ids = new HashSet<Guid>();
        var plain = new Chunk[chunks.Count];
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i].Chunk;
            if (!string.Equals(chunk.DocumentId, document.DocumentId, StringComparison.Ordinal) ||
                !string.Equals(chunk.SetName, document.SetName, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"Chunk {chunk.Id} belongs to document '{chunk.DocumentId}' in set '{chunk.SetName}', not to '{document.DocumentId}' in '{document.SetName}'.", nameof(chunks));
            }

            if (!ids.Add(chunk.Id))
            {
                throw new ArgumentException($"Chunk id {chunk.Id} occurs twice in document '{document.DocumentId}'.", nameof(chunks));
            }

            plain[i] = chunk;
        }

        return plain;
    }
}

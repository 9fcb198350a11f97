using Rag.Core.Documents;
using Rag.Core.Embeddings;

namespace Rag.Core.Storage;

/// <summary>
/// The vector port: chunk vectors keyed by chunk id, each tagged with its document and (canonical) document set name.
/// Access control is part of every search: only vectors of <c>readableSets</c> are scored, so the top-k never starves
/// when unreadable sets hold all the best matches (a Qdrant payload filter, a set mask over an in-memory matrix).
/// </summary>
/// <remarks>
/// Writes need not share a transaction with the <see cref="IDocumentCatalog"/>: <see cref="CompositeDocumentIndex"/>
/// writes new vectors before the catalog commits and deletes superseded ones after, and a hit whose catalog row is gone
/// is dropped by hydration. An implementation that can join the catalog's transaction (same database) may do so.
/// </remarks>
public interface IVectorIndex
{
    /// <summary>
    /// Binds the index to <paramref name="model"/> on first use; afterwards throws <see cref="EmbeddingModelMismatchException"/>
    /// when a different model id or dimension is used.
    /// </summary>
    Task EnsureModelAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds or overwrites the vectors of <paramref name="chunks"/> (all of one document) in set <paramref name="canonicalSetName"/>.
    /// Throws <see cref="InvalidOperationException"/> when no model is bound, <see cref="EmbeddingModelMismatchException"/> when a
    /// vector's length is not the bound dimension and <see cref="ArgumentException"/> for a NaN or infinite component; then nothing is written.
    /// </summary>
    Task UpsertAsync(string canonicalSetName, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken = default);

    /// <summary>Removes the vectors of document <paramref name="documentId"/> except those of <paramref name="keep"/>; returns how many went.</summary>
    Task<int> DeleteDocumentAsync(string documentId, IReadOnlyCollection<Guid> keep, CancellationToken cancellationToken = default);

    /// <summary>
    /// Exact (or approximate) cosine search among the vectors of <paramref name="readableSets"/> (canonical names, compared
    /// ordinally); best first, at most <paramref name="limit"/>. No readable set (or a limit of 0) finds nothing, without
    /// a round trip. Throws <see cref="EmbeddingModelMismatchException"/> when the query's length is not the bound dimension,
    /// checked first, whatever the sets and limit.
    /// </summary>
    Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> query, IReadOnlyCollection<string> readableSets, int limit, CancellationToken cancellationToken = default);
}

using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Embeddings;

namespace Rag.Core.Storage;

/// <summary>
/// Where documents, chunks and vectors live. Access control happens inside every search:
/// only chunks of document sets readable by the caller's groups are ever scored, so the
/// top-k never starves and nothing else leaks. An empty <see cref="AccessScope"/> finds nothing.
/// </summary>
/// <remarks>
/// The facade the product uses; behind it the store is three ports, <see cref="IDocumentCatalog"/>, <see cref="IVectorIndex"/>
/// and <see cref="IKeywordIndex"/>, composed by <see cref="CompositeDocumentIndex"/> (whose remarks give the write order
/// that keeps a replacement safe without a transaction shared by the ports). See docs/storage.md.
/// </remarks>
public interface IDocumentIndex
{
    /// <summary>
    /// Binds the index to <paramref name="model"/> on first use; afterwards throws
    /// <see cref="EmbeddingModelMismatchException"/> when a different model or dimension is used.
    /// </summary>
    Task EnsureModelAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default);

    /// <summary>The model the index was built with, or null when it is still empty.</summary>
    Task<EmbeddingModelInfo?> GetModelAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a document set or replaces its readers. The set name and group names are normalised and compared by
    /// the <see cref="Access.NameKey"/> rule; a name that breaks it throws <see cref="ArgumentException"/>.
    /// </summary>
    Task UpsertDocumentSetAsync(DocumentSet documentSet, CancellationToken cancellationToken = default);

    /// <summary>The set named <paramref name="name"/>, or null.</summary>
    Task<DocumentSet?> GetDocumentSetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The stored version of a document, or null when it is not indexed.</summary>
    Task<SourceDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="document"/> with its chunks, replacing any older version of the same document id:
    /// the new chunks are written before the old ones are deleted, atomically.
    /// Throws when a vector's length differs from the bound model's dimension, and <see cref="InvalidOperationException"/>
    /// when the document id is already held by a document of another set or another source path (an id collision
    /// is refused, never an overwrite).
    /// </summary>
    Task ReplaceDocumentAsync(SourceDocument document, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken = default);

    /// <summary>Removes a document and its chunks; returns false when it was not there.</summary>
    Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>Exact cosine search over the caller's readable chunks; best first.</summary>
    Task<IReadOnlyList<SearchHit>> SearchDenseAsync(ReadOnlyMemory<float> query, AccessScope scope, int limit, CancellationToken cancellationToken = default);

    /// <summary>Keyword (BM25) search over the caller's readable chunks; best first; score is higher-is-better.</summary>
    Task<IReadOnlyList<SearchHit>> SearchKeywordAsync(string query, AccessScope scope, int limit, CancellationToken cancellationToken = default);

    /// <summary>Counts of sets, documents and chunks.</summary>
    Task<IndexStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);
}

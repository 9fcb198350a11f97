using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Embeddings;

namespace Rag.Core.Storage;

/// <summary>
/// The catalog port: document sets and their readers, documents, chunks' text and metadata, the bound embedding model
/// and statistics. It is the source of truth: a chunk exists when its catalog row does, and
/// <see cref="HydrateAsync"/> drops index hits whose row is gone or no longer readable.
/// </summary>
public interface IDocumentCatalog
{
    /// <summary>Binds the catalog to <paramref name="model"/> on first use; afterwards throws <see cref="EmbeddingModelMismatchException"/> for another.</summary>
    Task EnsureModelAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default);

    /// <summary>The bound model, or null.</summary>
    Task<EmbeddingModelInfo?> GetModelAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a set or replaces its readers; names follow the <see cref="NameKey"/> rule (else <see cref="ArgumentException"/>).</summary>
    Task UpsertDocumentSetAsync(DocumentSet documentSet, CancellationToken cancellationToken = default);

    /// <summary>The set named <paramref name="name"/> (compared by <see cref="NameKey"/>), or null.</summary>
    Task<DocumentSet?> GetDocumentSetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The stored version of a document, or null.</summary>
    Task<SourceDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one catalog transaction: resolves the set's canonical name (<see cref="InvalidOperationException"/> when the set
    /// does not exist), refuses an id held by a document of another set or path (<see cref="InvalidOperationException"/>),
    /// writes the chunks and the document row, removes the document's other chunks, calls <paramref name="writeIndexes"/>
    /// with the canonical set name, and commits only when it returns. Any exception rolls the catalog back.
    /// </summary>
    /// <returns>The ids of the chunks that the new version superseded (now gone from the catalog).</returns>
    Task<IReadOnlyList<Guid>> ReplaceDocumentAsync(
        SourceDocument document, IReadOnlyList<Chunk> chunks, Func<string, CancellationToken, Task> writeIndexes, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one catalog transaction: removes the document and its chunks, calls <paramref name="deleteIndexes"/> and commits
    /// when it returns. False (and no call) when the document is not stored.
    /// </summary>
    Task<bool> DeleteDocumentAsync(string documentId, Func<CancellationToken, Task> deleteIndexes, CancellationToken cancellationToken = default);

    /// <summary>Canonical names of the sets readable by the groups of <paramref name="scope"/>; empty for an empty scope.</summary>
    Task<IReadOnlyList<string>> GetReadableSetsAsync(AccessScope scope, CancellationToken cancellationToken = default);

    /// <summary>
    /// The chunks of <paramref name="hits"/> that still exist in <paramref name="readableSets"/>, in the order given, with
    /// the scores given: an index hit whose catalog row is gone, or whose set is no longer readable, is dropped.
    /// </summary>
    Task<IReadOnlyList<SearchHit>> HydrateAsync(IReadOnlyList<ScoredChunk> hits, IReadOnlyList<string> readableSets, CancellationToken cancellationToken = default);

    /// <summary>Counts of sets, documents and chunks.</summary>
    Task<IndexStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);
}

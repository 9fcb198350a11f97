namespace Rag.Core.Storage;

/// <summary>
/// What an operator sees of the catalog: the sets and the documents in them, with their counts. Read and manage only;
/// removing a document goes through <see cref="IDocumentIndex.DeleteDocumentAsync"/> (chunks, vectors and keyword entries
/// together), and a set is deleted here only once it holds no documents.
/// </summary>
public interface IDocumentInventory
{
    /// <summary>Every document set, by name, with its readers and counts.</summary>
    Task<IReadOnlyList<DocumentSetEntry>> ListDocumentSetsAsync(CancellationToken cancellationToken = default);

    /// <summary>The documents of <paramref name="setName"/> (every set when null), by set and path.</summary>
    Task<IReadOnlyList<DocumentEntry>> ListDocumentsAsync(string? setName = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the set named <paramref name="name"/> and its readers; false when there is no such set. Throws
    /// <see cref="InvalidOperationException"/> while it still holds documents (remove them first).
    /// </summary>
    Task<bool> DeleteEmptyDocumentSetAsync(string name, CancellationToken cancellationToken = default);
}

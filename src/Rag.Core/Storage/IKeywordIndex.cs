using Rag.Core.Documents;

namespace Rag.Core.Storage;

/// <summary>
/// The keyword port: a BM25 index of chunk texts (with headings and the document title), keyed by chunk id and tagged
/// with the chunk's canonical set name. The readable-sets filter is part of the match itself, so the limit counts only
/// readable chunks and the postings of unreadable sets are never ranked.
/// </summary>
public interface IKeywordIndex
{
    /// <summary>
    /// Makes <paramref name="chunks"/> the document's whole keyword content: they are added (or overwritten), then the
    /// document's other entries are removed.
    /// </summary>
    Task ReplaceDocumentAsync(SourceDocument document, string canonicalSetName, IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry of document <paramref name="documentId"/>; returns how many went.</summary>
    Task<int> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// BM25 search for the terms of <paramref name="query"/> among chunks of <paramref name="readableSets"/> (canonical
    /// names); best first (higher score), at most <paramref name="limit"/>. A query without terms or no readable set finds nothing.
    /// </summary>
    Task<IReadOnlyList<ScoredChunk>> SearchAsync(string query, IReadOnlyCollection<string> readableSets, int limit, CancellationToken cancellationToken = default);
}

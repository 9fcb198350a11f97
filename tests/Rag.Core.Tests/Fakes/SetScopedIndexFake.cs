using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Storage;

namespace Rag.Core.Tests;

/// <summary>
/// Fake index of several document sets, one chunk each, with their readers: every search returns the chunks of the
/// sets the caller may read (Core unit tests; the real stores and their ACL filters are tested in Rag.Storage.Tests).
/// <see cref="UpsertDocumentSetAsync"/> replaces a set's readers, as the real index does. Records the keyword queries.
/// </summary>
internal sealed class SetScopedIndexFake : IDocumentIndex
{
    private readonly Dictionary<string, DocumentSet> _sets = new(StringComparer.Ordinal);
    private readonly List<SearchHit> _hits = [];

    public List<string> KeywordQueries { get; } = [];

    /// <summary>Adds set <paramref name="name"/>, readable by <paramref name="group"/>, holding one chunk of <paramref name="text"/>.</summary>
    public SetScopedIndexFake With(string name, string group, string text)
    {
        _sets[name] = new DocumentSet(name, [group]);
        var chunk = new Chunk(Guid.NewGuid(), $"{name}-doc", name, 0, text, [name], 1, 1, 0, text.Length);
        _hits.Add(new SearchHit(chunk, $"{name} memo", 1.0 - (_hits.Count * 0.01)));
        return this;
    }

    public Task EnsureModelAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<EmbeddingModelInfo?> GetModelAsync(CancellationToken cancellationToken = default) => Task.FromResult<EmbeddingModelInfo?>(null);

    public Task UpsertDocumentSetAsync(DocumentSet documentSet, CancellationToken cancellationToken = default)
    {
        _sets[documentSet.Name] = documentSet;
        return Task.CompletedTask;
    }

    public Task<DocumentSet?> GetDocumentSetAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_sets.GetValueOrDefault(name));

    public Task<SourceDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default) => Task.FromResult<SourceDocument?>(null);

    public Task ReplaceDocumentAsync(SourceDocument document, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task<IReadOnlyList<SearchHit>> SearchDenseAsync(ReadOnlyMemory<float> query, AccessScope scope, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(Readable(scope));

    public Task<IReadOnlyList<SearchHit>> SearchKeywordAsync(string query, AccessScope scope, int limit, CancellationToken cancellationToken = default)
    {
        KeywordQueries.Add(query);
        return Task.FromResult(Readable(scope));
    }

    public Task<IndexStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => Task.FromResult(new IndexStatistics(_sets.Count, _hits.Count, _hits.Count));

    private IReadOnlyList<SearchHit> Readable(AccessScope scope) => [.. _hits.Where(h => scope.CanRead(_sets[h.Chunk.SetName].Groups))];
}

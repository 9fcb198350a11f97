using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Storage;

namespace Rag.Core.Tests;

/// <summary>
/// Fake index returning the same hits (of set <see cref="SetName"/>) for every search, to readers of <see cref="Group"/> only; with no texts, an
/// empty index (Core unit tests; the real stores and their ACL filters are tested in Rag.Storage.Tests).
/// Records the keyword queries it saw.
/// </summary>
internal sealed class FixedIndexFake(params string[] texts) : IDocumentIndex
{
    public const string Group = "staff";

    public const string SetName = "handbook";

    public List<string> KeywordQueries { get; } = [];

    private IReadOnlyList<SearchHit>? _hits;

    /// <summary>The dense score (cosine similarity) of the first hit; each further hit scores 0.01 less. Default 1.</summary>
    public double Similarity { get; init; } = 1.0;

    public IReadOnlyList<SearchHit> Hits => _hits ??= [.. texts.Select((text, i) => new SearchHit(
        new Chunk(Guid.NewGuid(), $"doc-{i + 1}", SetName, 0, text, ["Remote work"], i + 2, i + 2, 0, text.Length),
        $"Guide {i + 1}",
        Similarity - (i * 0.01)))];

    public Task EnsureModelAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<EmbeddingModelInfo?> GetModelAsync(CancellationToken cancellationToken = default) => Task.FromResult<EmbeddingModelInfo?>(null);

    public Task UpsertDocumentSetAsync(DocumentSet documentSet, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<DocumentSet?> GetDocumentSetAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(name == SetName ? new DocumentSet(SetName, [Group]) : null);

    public Task<SourceDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default) => Task.FromResult<SourceDocument?>(null);

    public Task ReplaceDocumentAsync(SourceDocument document, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task<IReadOnlyList<SearchHit>> SearchDenseAsync(ReadOnlyMemory<float> query, AccessScope scope, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(scope.CanRead([Group]) ? Hits : (IReadOnlyList<SearchHit>)[]);

    public Task<IReadOnlyList<SearchHit>> SearchKeywordAsync(string query, AccessScope scope, int limit, CancellationToken cancellationToken = default)
    {
        KeywordQueries.Add(query);
        return Task.FromResult(scope.CanRead([Group]) ? Hits : (IReadOnlyList<SearchHit>)[]);
    }

    public Task<IndexStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => Task.FromResult(new IndexStatistics(Hits.Count, Hits.Count, Hits.Count == 0 ? 0 : 1));
}

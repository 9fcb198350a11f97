using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Storage;

namespace Rag.Core.Tests;

/// <summary>Fake index that holds nothing (unit tests of Core only; the real store is tested in Rag.Storage.Tests).</summary>
internal sealed class EmptyIndexFake : IDocumentIndex
{
    public Task EnsureModelAsync(EmbeddingModelInfo model, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<EmbeddingModelInfo?> GetModelAsync(CancellationToken cancellationToken = default) => Task.FromResult<EmbeddingModelInfo?>(null);

    public Task UpsertDocumentSetAsync(DocumentSet documentSet, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<DocumentSet?> GetDocumentSetAsync(string name, CancellationToken cancellationToken = default) => Task.FromResult<DocumentSet?>(null);

    public Task<SourceDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default) => Task.FromResult<SourceDocument?>(null);

    public Task ReplaceDocumentAsync(SourceDocument document, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task<IReadOnlyList<SearchHit>> SearchDenseAsync(ReadOnlyMemory<float> query, AccessScope scope, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SearchHit>>([]);

    public Task<IReadOnlyList<SearchHit>> SearchKeywordAsync(string query, AccessScope scope, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SearchHit>>([]);

    public Task<IndexStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => Task.FromResult(new IndexStatistics(0, 0, 0));
}

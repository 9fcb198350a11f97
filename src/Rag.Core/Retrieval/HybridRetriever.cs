using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Core.Diagnostics;
using Rag.Core.Storage;

namespace Rag.Core.Retrieval;

/// <summary>Runs dense and/or keyword search for a question and fuses the rankings.</summary>
public sealed class HybridRetriever
{
    private readonly IDocumentIndex _index;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly RetrievalOptions _options;

    /// <summary>Creates the retriever.</summary>
    public HybridRetriever(IDocumentIndex index, IEmbeddingGenerator<string, Embedding<float>> embedder, IOptions<RetrievalOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _index = index;
        _embedder = embedder;
        _options = options.Value;
    }

    /// <summary>The chunks most relevant to <paramref name="question"/> that <paramref name="scope"/> may read.</summary>
    public async Task<IReadOnlyList<RetrievedChunk>> RetrieveAsync(
        string question,
        AccessScope scope,
        RetrievalMode? mode = null,
        int? topK = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.IsEmpty || string.IsNullOrWhiteSpace(question))
        {
            return [];
        }

        using var activity = RagActivities.Retrieve.StartActivity("retrieve");
        var started = Stopwatch.GetTimestamp();
        var effectiveMode = mode ?? _options.Mode;
        activity?.SetTag("rag.retrieve.mode", effectiveMode.ToString());
        var limit = topK ?? _options.TopK;
        var candidates = Math.Max(_options.CandidatesPerSearch, limit);

        IReadOnlyList<SearchHit> dense = [];
        IReadOnlyList<SearchHit> keyword = [];
        if (effectiveMode != RetrievalMode.Keyword)
        {
            var vector = await _embedder.GenerateVectorAsync(question, cancellationToken: cancellationToken);
            dense = await _index.SearchDenseAsync(vector, scope, candidates, cancellationToken);
        }

        if (effectiveMode != RetrievalMode.Dense)
        {
            keyword = await _index.SearchKeywordAsync(question, scope, candidates, cancellationToken);
        }

        RagMetrics.RetrieveDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return effectiveMode switch
        {
            RetrievalMode.Dense => Single(dense, limit, dense: true),
            RetrievalMode.Keyword => Single(keyword, limit, dense: false),
            _ => ReciprocalRankFusion.Fuse(dense, keyword, _options.RrfK, _options.DenseWeight, _options.KeywordWeight, limit),
        };
    }

    private static List<RetrievedChunk> Single(IReadOnlyList<SearchHit> hits, int limit, bool dense) =>
        hits.Take(limit)
            .Select((h, i) => new RetrievedChunk(h.Chunk, h.DocumentTitle, h.Score, dense ? i + 1 : null, dense ? null : i + 1) { DenseSimilarity = dense ? h.Score : null, KeywordScore = dense ? null : h.Score })
            .ToList();
}

using Microsoft.Extensions.AI;
using Rag.Core.Access;
using Rag.Core.Retrieval;
using Rag.Core.Storage;
using Rag.Evaluation.Metrics;

namespace Rag.Evaluation.Beir;

/// <summary>One fusion setting and what it scored, on all queries and on each half of them.</summary>
/// <param name="RrfK">The RRF k.</param>
/// <param name="DenseWeight">Weight of the dense ranking.</param>
/// <param name="KeywordWeight">Weight of the keyword ranking.</param>
/// <param name="All">Scores over all queries.</param>
/// <param name="EvenQueries">nDCG@k over the queries at even positions (ordinal id order).</param>
/// <param name="OddQueries">nDCG@k over the queries at odd positions.</param>
public sealed record FusionSetting(int RrfK, double DenseWeight, double KeywordWeight, RetrievalScores All, double EvenQueries, double OddQueries);

/// <summary>
/// Evidence for the fusion defaults: runs the dense and the keyword search once per query, then re-fuses the two
/// rankings with every (k, weight) pair of a grid, exactly as <see cref="ReciprocalRankFusion"/> does at query time.
/// Scores are also reported per half of the queries, so a setting that only wins on one half shows up as overfitting.
/// </summary>
public sealed class FusionSweep
{
    /// <summary>The RRF k values tried.</summary>
    public static IReadOnlyList<int> RrfKs { get; } = [1, 5, 10, 20, 40, 60, 100];

    /// <summary>The dense weights tried against a keyword weight of 1 (1 = the classic unweighted RRF).</summary>
    public static IReadOnlyList<double> DenseWeights { get; } = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0];

    private static readonly AccessScope Scope = new("beir-eval", [BeirEvaluator.SetName]);

    private readonly IDocumentIndex _index;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;

    /// <summary>Creates the sweep over the evaluation index.</summary>
    public FusionSweep(IDocumentIndex index, IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        _index = index;
        _embedder = embedder;
    }

    /// <summary>Runs the grid; rows best first by nDCG over all queries.</summary>
    public async Task<IReadOnlyList<FusionSetting>> RunAsync(
        BeirDataset dataset,
        IReadOnlyDictionary<string, string> corpusIds,
        int k,
        int chunkDepth,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(corpusIds);
        var queries = dataset.Queries.OrderBy(q => q.Key, StringComparer.Ordinal).ToList();
        var lists = new List<(string Id, IReadOnlyList<SearchHit> Dense, IReadOnlyList<SearchHit> Keyword)>(queries.Count);
        foreach (var (id, text) in queries)
        {
            var vector = await _embedder.GenerateVectorAsync(text, cancellationToken: cancellationToken);
            var dense = await _index.SearchDenseAsync(vector, Scope, chunkDepth, cancellationToken);
            var keyword = await _index.SearchKeywordAsync(text, Scope, chunkDepth, cancellationToken);
            lists.Add((id, dense, keyword));
        }

        var settings = new List<FusionSetting>();
        foreach (var rrfK in RrfKs)
        {
            foreach (var denseWeight in DenseWeights)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var runs = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
                var even = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
                var odd = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
                for (var i = 0; i < lists.Count; i++)
                {
                    var fused = ReciprocalRankFusion.Fuse(lists[i].Dense, lists[i].Keyword, rrfK, denseWeight, 1.0, chunkDepth);
                    var run = BeirEvaluator.FoldIntoDocuments(fused, corpusIds, Math.Max(BeirEvaluator.DocumentsPerQuery, k));
                    runs[lists[i].Id] = run;
                    (i % 2 == 0 ? even : odd)[lists[i].Id] = run;
                }

                settings.Add(new FusionSetting(
                    rrfK,
                    denseWeight,
                    1.0,
                    RetrievalScores.Evaluate(runs, dataset.Qrels, k),
                    RetrievalScores.Evaluate(even, dataset.Qrels, k).Ndcg,
                    RetrievalScores.Evaluate(odd, dataset.Qrels, k).Ndcg));
            }
        }

        return settings.OrderByDescending(s => s.All.Ndcg).ThenBy(s => s.RrfK).ToList();
    }
}

using Microsoft.Extensions.Options;
using Rag.Core.Retrieval;
using Rag.Core.Text;

namespace Rag.Core.Answers;

/// <summary>
/// The default <see cref="IRelevanceGate"/>: decides from three signals of what retrieval found, combined linearly
/// and compared with <see cref="RelevanceOptions.MinScore"/>:
/// <list type="bullet">
/// <item>dense: the best cosine similarity of a retrieved chunk to the query (<see cref="RetrievedChunk.DenseSimilarity"/>, from the one embedding the dense search made);</item>
/// <item>coverage: the share of the question's content words (<see cref="ContentTerms"/>) found in the passage (text, headings and title) that holds most of them;</item>
/// <item>keyword: the best BM25 score of a retrieved chunk (<see cref="RetrievedChunk.KeywordScore"/>) per content word, capped at <see cref="RelevanceOptions.KeywordCap"/>.</item>
/// </list>
/// Nothing is embedded again and no sentence is scored. A question about a topic that is nowhere in the documents
/// may still find a chunk that is somewhat similar, but rarely one that holds its words as well.
/// </summary>
/// <remarks>
/// When no retrieved chunk was found by the dense search (all came from the keyword search alone), the dense signal is
/// 0: nothing is similar enough to rank. In keyword-only retrieval (<see cref="RetrievalMode.Keyword"/>) no chunk can
/// have a similarity, and the dense signal then counts as <see cref="RelevanceOptions.MinSimilarity"/>.
/// </remarks>
public sealed class RelevanceGate : IRelevanceGate
{
    private readonly RelevanceOptions _options;
    private readonly bool _keywordOnly;

    /// <summary>Creates the gate; <paramref name="retrieval"/> says whether retrieval is keyword-only (default: hybrid).</summary>
    public RelevanceGate(IOptions<RelevanceOptions> options, IOptions<RetrievalOptions>? retrieval = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _keywordOnly = retrieval?.Value.Mode == RetrievalMode.Keyword;
    }

    /// <inheritdoc />
    public ValueTask<RelevanceDecision> DecideAsync(string query, IReadOnlyList<RetrievedChunk> retrieved, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(retrieved);
        return ValueTask.FromResult(Decide(query, retrieved));
    }

    /// <summary>The decision for <paramref name="query"/> over <paramref name="retrieved"/> (best first).</summary>
    public RelevanceDecision Decide(string query, IReadOnlyList<RetrievedChunk> retrieved)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(retrieved);
        if (retrieved.Count == 0)
        {
            return new RelevanceDecision(false, null);
        }

        var terms = ContentTerms.Of(query);
        double? best = null;
        var coverage = 0.0;
        var keyword = 0.0;
        foreach (var hit in retrieved)
        {
            if (hit.DenseSimilarity is { } similarity && (best is null || similarity > best))
            {
                best = similarity;
            }

            keyword = Math.Max(keyword, hit.KeywordScore ?? 0);
            coverage = Math.Max(coverage, ContentTerms.Coverage(terms, PassageTerms(hit)));
        }

        var perTerm = Math.Min(keyword / Math.Max(1, terms.Count), _options.KeywordCap);
        var dense = best ?? (_keywordOnly ? _options.MinSimilarity : 0);
        var score = (_options.SimilarityWeight * dense) + (_options.CoverageWeight * coverage) + (_options.KeywordWeight * perTerm);
        var found = score >= _options.MinScore && dense >= _options.MinSimilarity;
        return new RelevanceDecision(found, best) { TermCoverage = coverage, KeywordEvidence = perTerm, Score = score };
    }

    private static HashSet<string> PassageTerms(RetrievedChunk hit)
    {
        var terms = ContentTerms.SetOf(hit.Chunk.Text);
        terms.UnionWith(ContentTerms.Of(hit.DocumentTitle));
        foreach (var heading in hit.Chunk.HeadingPath)
        {
            terms.UnionWith(ContentTerms.Of(heading));
        }

        return terms;
    }
}

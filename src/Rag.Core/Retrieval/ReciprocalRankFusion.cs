using Rag.Core.Storage;

namespace Rag.Core.Retrieval;

/// <summary>Reciprocal Rank Fusion (Cormack, Clarke and Büttcher, SIGIR 2009).</summary>
public static class ReciprocalRankFusion
{
    /// <summary>
    /// Fuses a dense and a keyword ranking: each chunk scores Σ weight / (k + rank) over the lists it appears in.
    /// Ties break by the better single rank, then by chunk id, so the result is deterministic.
    /// </summary>
    public static IReadOnlyList<RetrievedChunk> Fuse(
        IReadOnlyList<SearchHit> dense,
        IReadOnlyList<SearchHit> keyword,
        int k,
        double denseWeight,
        double keywordWeight,
        int limit)
    {
        ArgumentNullException.ThrowIfNull(dense);
        ArgumentNullException.ThrowIfNull(keyword);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);

        var entries = new Dictionary<Guid, Entry>();
        for (var i = 0; i < dense.Count; i++)
        {
            var entry = GetOrAdd(entries, dense[i]);
            entry.DenseRank ??= i + 1;
            entry.DenseSimilarity ??= dense[i].Score;
            entry.Score += denseWeight / (k + i + 1);
        }

        for (var i = 0; i < keyword.Count; i++)
        {
            var entry = GetOrAdd(entries, keyword[i]);
            entry.KeywordRank ??= i + 1;
            entry.KeywordScore ??= keyword[i].Score;
            entry.Score += keywordWeight / (k + i + 1);
        }

        return entries.Values
            .OrderByDescending(e => e.Score)
            .ThenBy(e => Math.Min(e.DenseRank ?? int.MaxValue, e.KeywordRank ?? int.MaxValue))
            .ThenBy(e => e.Hit.Chunk.Id)
            .Take(limit)
            .Select(e => new RetrievedChunk(e.Hit.Chunk, e.Hit.DocumentTitle, e.Score, e.DenseRank, e.KeywordRank) { DenseSimilarity = e.DenseSimilarity, KeywordScore = e.KeywordScore })
            .ToList();
    }

    private static Entry GetOrAdd(Dictionary<Guid, Entry> entries, SearchHit hit)
    {
        if (!entries.TryGetValue(hit.Chunk.Id, out var entry))
        {
            entry = new Entry(hit);
            entries.Add(hit.Chunk.Id, entry);
        }

        return entry;
    }

    private sealed class Entry(SearchHit hit)
    {
        public SearchHit Hit { get; } = hit;

        public double Score { get; set; }

        public int? DenseRank { get; set; }

        public double? DenseSimilarity { get; set; }

        public int? KeywordRank { get; set; }

        public double? KeywordScore { get; set; }
    }
}

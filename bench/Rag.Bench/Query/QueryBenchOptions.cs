namespace Rag.Bench.Query;

/// <summary>What <see cref="QueryBenchmark"/> measures.</summary>
/// <param name="Sizes">Index sizes in chunks, measured in ascending order on one growing index.</param>
/// <param name="WorkDirectory">Throw-away data directory (created; deleted afterwards unless <paramref name="Keep"/>).</param>
/// <param name="Queries">Timed queries per kind and size.</param>
/// <param name="Warmups">Untimed queries per kind and size before the timed ones.</param>
/// <param name="Limit">Hits asked of each search (and chunks returned by the hybrid retriever).</param>
/// <param name="Seed">Seed of every random choice: the same options build the same corpus and queries.</param>
/// <param name="MinChunksPerDocument">Fewest chunks per synthetic document.</param>
/// <param name="MaxChunksPerDocument">Most chunks per synthetic document.</param>
/// <param name="Keep">Keep <paramref name="WorkDirectory"/> after the run.</param>
/// <param name="WarmupTime">Warm-up also lasts at least this long per kind and size (default one second).</param>
/// <param name="KeywordFilter">Shape of the keyword set-filter scenario (default: 3,000 chunks, 2,000 unreadable).</param>
public sealed record QueryBenchOptions(
    IReadOnlyList<int> Sizes,
    string WorkDirectory,
    int Queries = 200,
    int Warmups = 20,
    int Limit = 10,
    int Seed = 42,
    int MinChunksPerDocument = 50,
    int MaxChunksPerDocument = 200,
    bool Keep = false,
    TimeSpan? WarmupTime = null,
    KeywordFilterOptions? KeywordFilter = null)
{
    /// <summary>The effective minimum warm-up time.</summary>
    public TimeSpan EffectiveWarmupTime => WarmupTime ?? TimeSpan.FromSeconds(1);

    /// <summary>The effective keyword set-filter scenario.</summary>
    public KeywordFilterOptions EffectiveKeywordFilter => KeywordFilter ?? new KeywordFilterOptions();

    /// <summary>The sizes of the issue: 10k, 100k and 1M chunks.</summary>
    public static IReadOnlyList<int> DefaultSizes { get; } = [10_000, 100_000, 1_000_000];
}

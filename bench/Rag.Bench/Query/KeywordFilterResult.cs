namespace Rag.Bench.Query;

/// <summary>
/// Keyword-search latency for a term that fills a set the caller cannot read, against a control term with as many
/// matches in the caller's own set and none elsewhere. Equal medians: the access filter is applied inside the search,
/// so unreadable matches cost nothing; a higher one for the frequent term: they are read, then thrown away.
/// </summary>
/// <param name="Chunks">Chunks in the index.</param>
/// <param name="UnreadableChunks">Chunks in the set the caller cannot read, every one holding <paramref name="FrequentTerm"/>.</param>
/// <param name="FrequentTerm">The term in every unreadable chunk and in <paramref name="ReadableMatches"/> readable ones.</param>
/// <param name="ControlTerm">The term in <paramref name="ReadableMatches"/> other readable chunks and nowhere else.</param>
/// <param name="ReadableMatches">Readable chunks holding each term (what the caller may find).</param>
/// <param name="FrequentHits">Hits the caller got for the frequent term with room for every match (must equal <paramref name="ReadableMatches"/>).</param>
/// <param name="ControlHits">Hits the caller got for the control term with room for every match.</param>
/// <param name="Frequent">Latency of the frequent term (top-k search as the caller).</param>
/// <param name="Control">Latency of the control term, timed alternately with the frequent one.</param>
/// <param name="MedianRatio">Frequent p50 ÷ control p50.</param>
/// <param name="MedianDifferenceMs">Frequent p50 − control p50.</param>
public sealed record KeywordFilterResult(
    int Chunks,
    int UnreadableChunks,
    string FrequentTerm,
    string ControlTerm,
    int ReadableMatches,
    int FrequentHits,
    int ControlHits,
    LatencySummary Frequent,
    LatencySummary Control,
    double MedianRatio,
    double MedianDifferenceMs);

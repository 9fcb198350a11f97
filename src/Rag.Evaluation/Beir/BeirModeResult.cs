using Rag.Evaluation.Metrics;

namespace Rag.Evaluation.Beir;

/// <summary>The scores of one retrieval mode, with how long the queries took.</summary>
/// <param name="Mode">dense, bm25 or hybrid.</param>
/// <param name="Scores">The metrics.</param>
/// <param name="Seconds">Wall time of all queries.</param>
/// <param name="MedianQueryMilliseconds">Median latency of one query (embedding included).</param>
/// <param name="HalfA">The metrics over the queries of half a (<see cref="BeirDataset.Half"/>); null when one half was evaluated.</param>
/// <param name="HalfB">The metrics over the queries of half b; null when one half was evaluated.</param>
public sealed record BeirModeResult(string Mode, RetrievalScores Scores, double Seconds, double MedianQueryMilliseconds, RetrievalScores? HalfA = null, RetrievalScores? HalfB = null);

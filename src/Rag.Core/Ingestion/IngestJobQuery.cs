namespace Rag.Core.Ingestion;

/// <summary>Which jobs to list.</summary>
/// <param name="BatchId">Only this batch.</param>
/// <param name="SetName">Only this set.</param>
/// <param name="States">Only these states (null: all).</param>
/// <param name="Limit">At most this many.</param>
/// <param name="JobIds">Only these jobs (null: all).</param>
public sealed record IngestJobQuery(string? BatchId = null, string? SetName = null, IReadOnlyList<IngestJobState>? States = null, int Limit = 1000, IReadOnlyList<long>? JobIds = null);

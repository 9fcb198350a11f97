using Rag.Core.Ingestion;

namespace Rag.Storage.Queue;

/// <summary>How <see cref="IngestJobState"/> is written in <c>ingest_jobs.state</c> (lower-case words, readable in SQL).</summary>
internal static class IngestJobStates
{
    public const string Queued = "queued";
    public const string Parsing = "parsing";
    public const string Embedding = "embedding";
    public const string Indexed = "indexed";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    public static string ToText(IngestJobState state) => state switch
    {
        IngestJobState.Queued => Queued,
        IngestJobState.Parsing => Parsing,
        IngestJobState.Embedding => Embedding,
        IngestJobState.Indexed => Indexed,
        IngestJobState.Failed => Failed,
        IngestJobState.Skipped => Skipped,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown job state."),
    };

    public static IngestJobState Parse(string text) => text switch
    {
        Queued => IngestJobState.Queued,
        Parsing => IngestJobState.Parsing,
        Embedding => IngestJobState.Embedding,
        Indexed => IngestJobState.Indexed,
        Failed => IngestJobState.Failed,
        Skipped => IngestJobState.Skipped,
        _ => throw new InvalidOperationException($"Unknown job state '{text}' in ingest_jobs."),
    };
}

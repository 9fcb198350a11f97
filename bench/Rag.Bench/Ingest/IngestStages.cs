namespace Rag.Bench.Ingest;

/// <summary>Names of the measured stages, as they appear in the table and the JSON.</summary>
public static class IngestStages
{
    /// <summary>Hash the file, read it and parse it (on the isolated reader thread, as the pipeline does).</summary>
    public const string Parse = "parse";

    /// <summary>Cut parsed documents into chunks (token counting included).</summary>
    public const string Chunk = "chunk";

    /// <summary>Embed every chunk text in the pipeline's batches.</summary>
    public const string Embed = "embed";

    /// <summary>Store documents with their chunks and vectors, and append the audit record.</summary>
    public const string Write = "write";

    /// <summary>The whole <c>IngestionPipeline</c>, stages running concurrently.</summary>
    public const string EndToEnd = "end-to-end";
}

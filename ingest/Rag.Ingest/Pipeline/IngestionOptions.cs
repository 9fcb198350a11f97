using System.ComponentModel.DataAnnotations;

namespace Rag.Ingest.Pipeline;

/// <summary>Ingestion limits (configuration section <c>Rag:Ingestion</c>).</summary>
public sealed class IngestionOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Rag:Ingestion";

    /// <summary>Longest time one file may take to read before it is failed. Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PerFileTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest file accepted, in bytes. Default 256 MiB.</summary>
    [Range(1L, 16L * 1024 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Chunks embedded per call. Default 64.</summary>
    [Range(1, 4096)]
    public int EmbeddingBatchSize { get; set; } = 64;

    /// <summary>Files read ahead of the embedder (parse and embed overlap). Default 4.</summary>
    [Range(1, 256)]
    public int ReadAhead { get; set; } = 4;
}

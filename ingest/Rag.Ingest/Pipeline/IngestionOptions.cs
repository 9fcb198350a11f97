using System.ComponentModel.DataAnnotations;
using Rag.Core.Access;
using Rag.Ingest.Readers;

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

    /// <summary>Most pages one document may have; a longer one fails with the count. Default 10,000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxPagesPerDocument { get; set; } = 10_000;

    /// <summary>Most characters of text one document may yield; a larger one fails with the count. Default 20,000,000.</summary>
    [Range(1L, int.MaxValue)]
    public long MaxExtractedCharacters { get; set; } = 20_000_000;

    /// <summary>Most chunks one document may produce; a larger one fails with the count. Default 50,000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxChunksPerDocument { get; set; } = 50_000;

    /// <summary>
    /// Passwords that open encrypted PDFs, by document set name (<c>Rag:Ingestion:PdfPasswords:&lt;set&gt;</c>); a set
    /// without one fails its encrypted PDFs with "encrypted". Never logged.
    /// </summary>
    public Dictionary<string, string> PdfPasswords { get; set; } = [];

    /// <summary>The PDF password configured for <paramref name="setName"/>, compared by the set-name rule; null when none.</summary>
    public string? PdfPasswordFor(string setName)
    {
        foreach (var (name, password) in PdfPasswords)
        {
            if (NameKey.Comparer.Equals(name, setName))
            {
                return password;
            }
        }

        return null;
    }

    /// <summary>The limits the document reader applies.</summary>
    public DocumentReadLimits ReadLimits() => new()
    {
        TimeLimit = PerFileTimeout,
        MaxFileSizeBytes = MaxFileBytes,
        MaxPages = MaxPagesPerDocument,
        MaxCharacters = MaxExtractedCharacters,
    };
}

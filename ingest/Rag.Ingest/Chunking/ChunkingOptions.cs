using System.ComponentModel.DataAnnotations;

namespace Rag.Ingest.Chunking;

/// <summary>How documents are cut into chunks (configuration section <c>Rag:Chunking</c>).</summary>
public sealed class ChunkingOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Rag:Chunking";

    /// <summary>
    /// Most tokens in one chunk, counted with the embedding model's tokenizer. 0 (the default) uses the
    /// model's own limit; any other value is capped at it, so nothing is ever truncated at embedding time.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxTokens { get; set; }

    /// <summary>
    /// Tokens of trailing sentences repeated at the start of the next chunk of the same section. Default 16.
    /// Must be below half of <see cref="MaxTokens"/> when that is set; against the model's limit it is clamped there.
    /// </summary>
    [Range(0, 1_000)]
    public int OverlapTokens { get; set; } = 16;

    /// <summary>
    /// A section's last chunk smaller than this is merged into the one before it when the result fits, or else the
    /// split point is moved back so it grows towards this size. Default 24; 0 switches it off.
    /// </summary>
    [Range(0, 1_000)]
    public int MinChunkTokens { get; set; } = 24;

    /// <summary>
    /// When true (the default), the text given to the embedding model is the chunk's context (document title and
    /// section headings) followed by the chunk, so a passage that never names its topic is still found by it; the
    /// stored, keyword-indexed and cited text is the chunk alone. Measured on SciFact with USE-Lite (bench/README.md):
    /// dense nDCG@10 rises; the embedder truncates the tail when context and chunk exceed the model's limit.
    /// </summary>
    public bool EmbedContext { get; set; } = true;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxTokens > 0 && OverlapTokens * 2 >= MaxTokens)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(OverlapTokens)} ({OverlapTokens}) must be less than half of {nameof(MaxTokens)} ({MaxTokens}).",
                [nameof(OverlapTokens)]);
        }

        if (MaxTokens > 0 && MinChunkTokens > MaxTokens)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(MinChunkTokens)} ({MinChunkTokens}) must not exceed {nameof(MaxTokens)} ({MaxTokens}).",
                [nameof(MinChunkTokens)]);
        }
    }
}

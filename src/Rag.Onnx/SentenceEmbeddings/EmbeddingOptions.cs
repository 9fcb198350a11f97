using System.ComponentModel.DataAnnotations;

namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>Embedding model settings, bound from <see cref="SectionName"/>.</summary>
public sealed class EmbeddingOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Rag:Embedding";

    /// <summary>Model id, also the folder name under <see cref="ModelsDirectory"/>.</summary>
    [Required]
    public string Model { get; set; } = "use-lite";

    /// <summary>Model family. A model the manifest installs brings its own (use-lite: UseLite; all-minilm-l6-v2: Bert); set it for any other model.</summary>
    public EmbeddingModelKind Kind { get; set; } = EmbeddingModelKind.UseLite;

    /// <summary>Folder that holds installed models (one sub-folder per model).</summary>
    [Required]
    public string? ModelsDirectory { get; set; }

    /// <summary>
    /// Requested execution provider (<c>Auto</c>, <c>Cpu</c>, <c>Cuda</c>, <c>DirectML</c>). Auto tries CUDA (DirectML on
    /// Windows) and falls back to CPU, saying why; a provider named explicitly that this build or machine lacks fails start-up.
    /// </summary>
    public ExecutionProvider ExecutionProvider { get; set; } = ExecutionProvider.Auto;

    /// <summary>Inputs per ONNX Runtime call.</summary>
    [Range(1, 1024)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Pooling for BERT-family models.</summary>
    public PoolingMode Pooling { get; set; } = PoolingMode.Mean;

    /// <summary>Most tokens per input (special tokens excluded); 0 = model default (use-lite 128, BERT 256).</summary>
    [Range(0, 8192)]
    public int MaxTokens { get; set; }

    /// <summary>ONNX Runtime intra-op threads; 0 = ONNX Runtime default.</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }

    /// <summary>Folder of the configured model.</summary>
    public string ModelDirectory => Path.Combine(ModelsDirectory ?? string.Empty, Model);
}

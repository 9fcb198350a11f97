using System.ComponentModel.DataAnnotations;
using Rag.Onnx.SentenceEmbeddings;

namespace Rag.Onnx.Generation;

/// <summary>In-process ONNX chat model settings, bound from <see cref="SectionName"/>.</summary>
public sealed class OnnxChatClientOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Rag:Generation:Onnx";

    /// <summary>
    /// The exported model folder (Optimum / transformers.js layout: config.json, tokenizer.json, onnx/model*.onnx).
    /// Its folder name is the model id.
    /// </summary>
    [Required]
    public string? ModelPath { get; set; }

    /// <summary>
    /// ONNX file relative to <see cref="ModelPath"/> (e.g. <c>onnx/model_fp16.onnx</c>); empty = <c>onnx/model.onnx</c>,
    /// else the only <c>*.onnx</c> in <c>onnx/</c> (or in the folder itself).
    /// </summary>
    public string? ModelFile { get; set; }

    /// <summary>Prompt format; <see cref="ChatTemplateKind.Auto"/> detects it from the tokenizer files.</summary>
    public ChatTemplateKind ChatTemplate { get; set; } = ChatTemplateKind.Auto;

    /// <summary>Most generated tokens when a request sets no <c>MaxOutputTokens</c>.</summary>
    [Range(1, 32768)]
    public int MaxNewTokens { get; set; } = 512;

    /// <summary>Requested execution provider; falls back to CPU with a logged warning.</summary>
    public ExecutionProvider ExecutionProvider { get; set; } = ExecutionProvider.Cpu;

    /// <summary>ONNX Runtime intra-op threads; 0 = ONNX Runtime default.</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }
}

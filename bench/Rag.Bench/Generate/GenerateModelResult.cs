namespace Rag.Bench.Generate;

/// <summary>One decoder model: what it is and how it did at each prompt length.</summary>
/// <param name="Model">Model id (the folder's name).</param>
/// <param name="Folder">The model folder.</param>
/// <param name="ModelFile">The ONNX file in use.</param>
/// <param name="CacheType">KV cache element type ("Float16" or "Float").</param>
/// <param name="Layers">Decoder layers.</param>
/// <param name="Template">Chat prompt format.</param>
/// <param name="MaxPositions">Context length, when the model's files say.</param>
/// <param name="Prompts">One entry per prompt length.</param>
public sealed record GenerateModelResult(
    string Model,
    string Folder,
    string ModelFile,
    string CacheType,
    int Layers,
    string Template,
    int? MaxPositions,
    IReadOnlyList<GeneratePromptResult> Prompts);

using Microsoft.Extensions.Logging;

namespace Rag.Onnx.Generation;

internal static partial class GenerationLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Information,
        Message = "Loaded chat model {ModelId} from {ModelFile} ({Layers} layers, {CacheType} cache, template {Template})")]
    public static partial void ModelLoaded(ILogger logger, string modelId, string modelFile, int layers, Microsoft.ML.OnnxRuntime.Tensors.TensorElementType cacheType, ChatTemplateKind template);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug,
        Message = "Generated {OutputTokens} tokens after a {InputTokens}-token prompt ({FinishReason})")]
    public static partial void Generated(ILogger logger, int outputTokens, int inputTokens, string finishReason);
}

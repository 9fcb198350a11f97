using Microsoft.Extensions.Logging;

namespace Rag.Onnx.SentenceEmbeddings;

internal static partial class OnnxLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Embedding model {ModelId} runs on execution provider {Provider} (requested {Requested})")]
    public static partial void ExecutionProviderInUse(ILogger logger, string modelId, ExecutionProvider provider, ExecutionProvider requested);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "ONNX Runtime execution provider {Provider} (chosen by Auto) is unavailable ({Reason}); using CPU")]
    public static partial void AutoProviderFallback(ILogger logger, ExecutionProvider provider, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Loaded embedding model {ModelId} ({Dimensions} dimensions) from {ModelDirectory}")]
    public static partial void ModelLoaded(ILogger logger, string modelId, int dimensions, string modelDirectory);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Unicode normalisation is unavailable (InvariantGlobalization=true?); non-ASCII text is tokenised without NFKC/accent folding")]
    public static partial void NormalizationUnavailable(ILogger logger);
}

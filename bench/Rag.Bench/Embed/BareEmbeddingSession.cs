using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Rag.Onnx.SentenceEmbeddings;

namespace Rag.Bench.Embed;

/// <summary>Opens the bare baseline of the configured model kind, in a session made as the generator makes its own.</summary>
public static class BareEmbeddingSession
{
    /// <summary>The baseline for <paramref name="options"/>' model: <see cref="UseLiteBareSession"/> or <see cref="BertBareSession"/>.</summary>
    public static IBareEmbeddingSession Open(EmbeddingOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Kind switch
        {
            EmbeddingModelKind.UseLite => UseLiteBareSession.Open(options, logger),
            EmbeddingModelKind.Bert => BertBareSession.Open(options, logger),
            _ => throw new InvalidOperationException(
                $"{EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.Kind)} is '{options.Kind}', which has no bare-session baseline; use UseLite or Bert."),
        };
    }

    /// <summary>The product's session: same factory, provider (with Auto's fallback) and thread settings as <see cref="OnnxEmbeddingGenerator"/>.</summary>
    internal static InferenceSession OpenSession(string modelPath, EmbeddingOptions options, ILogger? logger) =>
        SessionOptionsFactory.Open(
            modelPath, options.ExecutionProvider, options.IntraOpThreads, logger ?? NullLogger.Instance, SessionOptionsFactory.EmbeddingSetting, out _);
}

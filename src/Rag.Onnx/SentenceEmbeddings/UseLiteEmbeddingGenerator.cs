using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Rag.Core.Embeddings;

namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>
/// Universal Sentence Encoder Lite on ONNX Runtime: one thread-safe session, sparse batched inputs,
/// 512-d L2-normalised vectors.
/// </summary>
public sealed class UseLiteEmbeddingGenerator : OnnxEmbeddingGenerator
{
    /// <summary>Default model id.</summary>
    public const string DefaultModelId = "use-lite";

    /// <summary>Vector length.</summary>
    public const int Dimensions = 512;

    /// <summary>Most tokens per sentence the model was trained with.</summary>
    public const int ModelMaxTokens = 128;

    private readonly UseLiteTokenizer _tokenizer;
    private readonly int _separatorTokenId;

    /// <summary>Loads <c>model.onnx</c> and <c>vocab.json</c> from <see cref="EmbeddingOptions.ModelDirectory"/>.</summary>
    public UseLiteEmbeddingGenerator(EmbeddingOptions options, ILogger? logger = null)
        : base(options!, Path.Combine(options?.ModelDirectory ?? throw new ArgumentNullException(nameof(options)), "model.onnx"), logger ?? NullLogger.Instance)
    {
        var directory = options.ModelDirectory;
        MaxTokens = options.MaxTokens > 0 ? Math.Min(options.MaxTokens, ModelMaxTokens) : ModelMaxTokens;
        _tokenizer = UseLiteTokenizer.Load(Path.Combine(directory, "vocab.json"));
        _separatorTokenId = UseLiteInputs.SeparatorTokenId(_tokenizer);
        Metadata = new EmbeddingGeneratorMetadata("onnx", null, ModelId, Dimensions);
        OnnxLog.ModelLoaded(logger ?? NullLogger.Instance, ModelId, Dimensions, directory);
    }

    /// <inheritdoc />
    public override int MaxTokens { get; }

    /// <inheritdoc />
    public override int CountTokens(string text) => _tokenizer.Encode(text ?? string.Empty).Count;

    /// <inheritdoc />
    protected override float[][] RunBatch(IReadOnlyList<string> inputs, int offset, int count)
    {
        var (indices, tokenValues) = UseLiteInputs.Build(_tokenizer, _separatorTokenId, inputs, offset, count, MaxTokens);
        var total = tokenValues.Length;
        using var indicesValue = OrtValue.CreateTensorValueFromMemory(indices, [total, 2]);
        using var valuesValue = OrtValue.CreateTensorValueFromMemory(tokenValues, [total]);
        using var runOptions = new RunOptions();
        using var outputs = Session.Run(runOptions, UseLiteInputs.InputNames, [indicesValue, valuesValue], UseLiteInputs.OutputNames);
        var data = outputs[0].GetTensorDataAsSpan<float>();
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        if (shape.Length != 2 || shape[0] != count || shape[1] != Dimensions)
        {
            throw new InvalidOperationException($"use-lite returned shape [{string.Join(',', shape)}], expected [{count},{Dimensions}].");
        }

        var vectors = new float[count][];
        for (var row = 0; row < count; row++)
        {
            vectors[row] = data.Slice(row * Dimensions, Dimensions).ToArray();
            EmbeddingNormalization.Normalize(vectors[row]);
        }

        return vectors;
    }
}

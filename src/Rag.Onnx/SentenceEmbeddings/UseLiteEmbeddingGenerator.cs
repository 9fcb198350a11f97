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

    private const string IndicesInput = "indices";
    private const string ValuesInput = "values";
    private const string Output = "module_apply_default/Encoder_en/hidden_layers/l2_normalize";

    private readonly UseLiteTokenizer _tokenizer;
    private readonly int _separatorTokenId;

    /// <summary>Loads <c>model.onnx</c> and <c>vocab.json</c> from <see cref="EmbeddingOptions.ModelDirectory"/>.</summary>
    public UseLiteEmbeddingGenerator(EmbeddingOptions options, ILogger? logger = null)
        : base(options!, Path.Combine(options?.ModelDirectory ?? throw new ArgumentNullException(nameof(options)), "model.onnx"), logger ?? NullLogger.Instance)
    {
        var directory = options.ModelDirectory;
        MaxTokens = options.MaxTokens > 0 ? Math.Min(options.MaxTokens, ModelMaxTokens) : ModelMaxTokens;
        _tokenizer = UseLiteTokenizer.Load(Path.Combine(directory, "vocab.json"));
        var whitespace = _tokenizer.Encode(" ");
        _separatorTokenId = whitespace.Count > 0 ? whitespace[0] : UseLiteTokenizer.UnknownId;
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
        var tokenized = new IReadOnlyList<int>[count];
        for (var i = 0; i < count; i++)
        {
            var ids = _tokenizer.Encode(inputs[offset + i] ?? string.Empty);

            // An empty input would be an empty row, whose vector is zero; give it one token.
            tokenized[i] = ids.Count == 0 ? [_separatorTokenId] : ids;
        }

        var (indices, tokenValues) = SparseBatch.Build(tokenized, MaxTokens);
        var total = tokenValues.Length;
        using var indicesValue = OrtValue.CreateTensorValueFromMemory(indices, [total, 2]);
        using var valuesValue = OrtValue.CreateTensorValueFromMemory(tokenValues, [total]);
        using var runOptions = new RunOptions();
        using var outputs = Session.Run(runOptions, [IndicesInput, ValuesInput], [indicesValue, valuesValue], [Output]);
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
            VectorMath.Normalize(vectors[row]);
        }

        return vectors;
    }
}

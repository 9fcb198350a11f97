using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Rag.Core.Embeddings;

namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>
/// BERT-family sentence embedders exported to ONNX (all-MiniLM-L6-v2, bge-small, e5, gte):
/// WordPiece, input_ids/attention_mask(/token_type_ids), mean or CLS pooling, L2-normalised.
/// </summary>
public sealed class BertEmbeddingGenerator : OnnxEmbeddingGenerator
{
    /// <summary>Default token limit (special tokens excluded) when options say 0.</summary>
    public const int DefaultMaxTokens = 256;

    private readonly BertInputTokenizer _tokenizer;
    private readonly PoolingMode _pooling;
    private readonly bool _hasTokenTypeIds;
    private readonly string _outputName;

    /// <summary>Loads the model (<c>model.onnx</c> or <c>onnx/model.onnx</c>) and <c>vocab.txt</c>.</summary>
    public BertEmbeddingGenerator(EmbeddingOptions options, ILogger? logger = null)
        : base(options!, ModelFiles.BertModel(options?.ModelDirectory ?? throw new ArgumentNullException(nameof(options))), logger ?? NullLogger.Instance)
    {
        var directory = options.ModelDirectory;
        _pooling = options.Pooling;
        _tokenizer = BertInputTokenizer.Load(Path.Combine(directory, "vocab.txt"), options.MaxTokens > 0 ? options.MaxTokens : DefaultMaxTokens);
        _hasTokenTypeIds = Session.InputMetadata.ContainsKey("token_type_ids");
        _outputName = Session.OutputMetadata.ContainsKey("last_hidden_state") ? "last_hidden_state" : Session.OutputNames[0];
        var dims = Session.OutputMetadata[_outputName].Dimensions;
        Dimensions = dims[^1];
        Metadata = new EmbeddingGeneratorMetadata("onnx", null, ModelId, Dimensions);
        OnnxLog.ModelLoaded(logger ?? NullLogger.Instance, ModelId, Dimensions, directory);
    }

    /// <summary>Vector length (hidden size of the model).</summary>
    public int Dimensions { get; }

    /// <inheritdoc />
    public override int MaxTokens => _tokenizer.MaxTokens;

    /// <inheritdoc />
    public override int CountTokens(string text) => _tokenizer.CountTokens(text);

    /// <inheritdoc />
    protected override float[][] RunBatch(IReadOnlyList<string> inputs, int offset, int count)
    {
        var encoded = new IReadOnlyList<int>[count];
        var sequence = 1;
        for (var i = 0; i < count; i++)
        {
            encoded[i] = _tokenizer.Encode(inputs[offset + i]);
            sequence = Math.Max(sequence, encoded[i].Count);
        }

        var ids = new long[count * sequence];
        var mask = new long[count * sequence];
        Array.Fill(ids, _tokenizer.PaddingTokenId);
        for (var b = 0; b < count; b++)
        {
            for (var t = 0; t < encoded[b].Count; t++)
            {
                ids[(b * sequence) + t] = encoded[b][t];
                mask[(b * sequence) + t] = 1;
            }
        }

        long[] shape = [count, sequence];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[count * sequence], shape);
        var names = new List<string> { "input_ids", "attention_mask" };
        var values = new List<OrtValue> { idsValue, maskValue };
        if (_hasTokenTypeIds)
        {
            names.Add("token_type_ids");
            values.Add(typesValue);
        }

        using var runOptions = new RunOptions();
        using var outputs = Session.Run(runOptions, names, values, [_outputName]);
        var output = outputs[0];
        var outShape = output.GetTensorTypeAndShape().Shape;
        var data = output.GetTensorDataAsSpan<float>();
        if (outShape.Length == 2)
        {
            // Already pooled (e.g. a "sentence_embedding" output): normalise only.
            return Pooling.Pool(data, Enumerable.Repeat(1L, count).ToArray(), count, 1, (int)outShape[1], PoolingMode.Cls);
        }

        return Pooling.Pool(data, mask, count, (int)outShape[1], (int)outShape[2], _pooling);
    }
}

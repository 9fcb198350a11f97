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
public sealed class BertEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>, IEmbeddingTokenizer, IDisposable
{
    /// <summary>Default token limit (special tokens excluded) when options say 0.</summary>
    public const int DefaultMaxTokens = 256;

    private readonly InferenceSession _session;
    private readonly BertInputTokenizer _tokenizer;
    private readonly int _batchSize;
    private readonly string _modelId;
    private readonly PoolingMode _pooling;
    private readonly bool _hasTokenTypeIds;
    private readonly string _outputName;
    private int _disposed;

    /// <summary>Loads the model (<c>model.onnx</c> or <c>onnx/model.onnx</c>) and <c>vocab.txt</c>.</summary>
    public BertEmbeddingGenerator(EmbeddingOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        var directory = options.ModelDirectory;
        _modelId = options.Model;
        _batchSize = Math.Max(1, options.BatchSize);
        _pooling = options.Pooling;
        _tokenizer = BertInputTokenizer.Load(Path.Combine(directory, "vocab.txt"), options.MaxTokens > 0 ? options.MaxTokens : DefaultMaxTokens);
        if (!UseLiteTokenizer.NormalizationAvailable)
        {
            OnnxLog.NormalizationUnavailable(logger);
        }

        using var sessionOptions = SessionOptionsFactory.Create(options.ExecutionProvider, options.IntraOpThreads, logger);
        _session = new InferenceSession(ModelFiles.BertModel(directory), sessionOptions);
        _hasTokenTypeIds = _session.InputMetadata.ContainsKey("token_type_ids");
        _outputName = _session.OutputMetadata.ContainsKey("last_hidden_state") ? "last_hidden_state" : _session.OutputNames[0];
        var dims = _session.OutputMetadata[_outputName].Dimensions;
        Dimensions = dims[^1];
        Metadata = new EmbeddingGeneratorMetadata("onnx", null, _modelId, Dimensions);
        OnnxLog.ModelLoaded(logger, _modelId, Dimensions, directory);
    }

    /// <summary>Vector length (hidden size of the model).</summary>
    public int Dimensions { get; }

    /// <summary>Provider "onnx", the model id and dimensions.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <inheritdoc />
    public int MaxTokens => _tokenizer.MaxTokens;

    /// <inheritdoc />
    public int CountTokens(string text) => _tokenizer.CountTokens(text);

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var inputs = values as IReadOnlyList<string> ?? values.ToList();
        var result = new GeneratedEmbeddings<Embedding<float>>(inputs.Count);
        for (var offset = 0; offset < inputs.Count; offset += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(_batchSize, inputs.Count - offset);
            foreach (var vector in RunBatch(inputs, offset, count))
            {
                result.Add(new Embedding<float>(vector) { ModelId = _modelId, CreatedAt = DateTimeOffset.UtcNow });
            }
        }

        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return Metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _session.Dispose();
        }
    }

    private float[][] RunBatch(IReadOnlyList<string> inputs, int offset, int count)
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
        using var outputs = _session.Run(runOptions, names, values, [_outputName]);
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

using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Rag.Onnx.SentenceEmbeddings;

namespace Rag.Bench.Embed;

/// <summary>
/// The BERT-family baseline (all-MiniLM-L6-v2 and kin): inputs tokenized by the product's <see cref="BertInputTokenizer"/>
/// (same token limit) into input_ids, attention_mask and, where the graph declares it, token_type_ids before timing;
/// <see cref="Run"/> is the session run plus the product's <see cref="Pooling"/> (mean or CLS as configured, then L2),
/// since the graph returns token states. Sees the product's types through InternalsVisibleTo("Rag.Bench").
/// </summary>
public sealed class BertBareSession : IBareEmbeddingSession
{
    private const int MaskInput = 1;

    private readonly InferenceSession _session;
    private readonly BertInputTokenizer _tokenizer;
    private readonly RunOptions _runOptions = new();
    private readonly PoolingMode _pooling;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    private BertBareSession(InferenceSession session, BertInputTokenizer tokenizer, PoolingMode pooling)
    {
        _session = session;
        _tokenizer = tokenizer;
        _pooling = pooling;
        _inputNames = session.InputMetadata.ContainsKey("token_type_ids")
            ? ["input_ids", "attention_mask", "token_type_ids"]
            : ["input_ids", "attention_mask"];
        _outputNames = [session.OutputMetadata.ContainsKey("last_hidden_state") ? "last_hidden_state" : session.OutputNames[0]];
    }

    /// <summary>Opens the model and <c>vocab.txt</c> of <paramref name="options"/>' model as <see cref="BertEmbeddingGenerator"/> does.</summary>
    public static BertBareSession Open(EmbeddingOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Kind != EmbeddingModelKind.Bert)
        {
            throw new InvalidOperationException($"The BERT baseline cannot run the configured model '{options.Model}', which is {options.Kind}.");
        }

        var maxTokens = options.MaxTokens > 0 ? options.MaxTokens : BertEmbeddingGenerator.DefaultMaxTokens;
        var tokenizer = BertInputTokenizer.Load(Path.Combine(options.ModelDirectory, "vocab.txt"), maxTokens);
        var session = BareEmbeddingSession.OpenSession(ModelFiles.BertModel(options.ModelDirectory), options, logger);
        return new BertBareSession(session, tokenizer, options.Pooling);
    }

    /// <inheritdoc />
    public BarePreparedBatch Prepare(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var encoded = texts.Select(_tokenizer.Encode).ToList();
        var sequence = Math.Max(1, encoded.Max(e => e.Count));
        var ids = new long[texts.Count * sequence];
        var mask = new long[texts.Count * sequence];
        Array.Fill(ids, _tokenizer.PaddingTokenId);
        var tokens = 0;
        for (var b = 0; b < encoded.Count; b++)
        {
            tokens += encoded[b].Count - 2; // [CLS] and [SEP] are not text tokens.
            for (var t = 0; t < encoded[b].Count; t++)
            {
                ids[(b * sequence) + t] = encoded[b][t];
                mask[(b * sequence) + t] = 1;
            }
        }

        long[] shape = [texts.Count, sequence];
        OrtValue[] inputs = _inputNames.Length == 3
            ? [OrtValue.CreateTensorValueFromMemory(ids, shape), OrtValue.CreateTensorValueFromMemory(mask, shape), OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape)]
            : [OrtValue.CreateTensorValueFromMemory(ids, shape), OrtValue.CreateTensorValueFromMemory(mask, shape)];
        return new BarePreparedBatch(texts.Count, tokens, _inputNames, inputs);
    }

    /// <summary>One session run on a prepared batch, pooled and normalised; the vectors are dropped.</summary>
    public void Run(BarePreparedBatch batch) => Embed(batch);

    /// <summary>One session run on a prepared batch: the L2-normalised sentence vectors, as the generator pools them.</summary>
    public float[][] Embed(BarePreparedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var outputs = _session.Run(_runOptions, batch.InputNames, batch.Inputs, _outputNames);
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        if (shape.Length == 2)
        {
            // Already pooled (a "sentence_embedding" output): normalise only, as the generator does.
            return Pooling.Pool(hidden, Enumerable.Repeat(1L, batch.Count).ToArray(), batch.Count, 1, (int)shape[1], PoolingMode.Cls);
        }

        return Pooling.Pool(hidden, batch.Inputs[MaskInput].GetTensorDataAsSpan<long>(), batch.Count, (int)shape[1], (int)shape[2], _pooling);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}

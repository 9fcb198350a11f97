using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Rag.Onnx.SentenceEmbeddings;

namespace Rag.Bench.Embed;

/// <summary>
/// The use-lite baseline: inputs tokenized by the product's <see cref="UseLiteTokenizer"/> and <see cref="UseLiteInputs"/>
/// before timing; <see cref="Run"/> is nothing but <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// (the graph pools and normalises itself). Sees the product's types through InternalsVisibleTo("Rag.Bench").
/// </summary>
public sealed class UseLiteBareSession : IBareEmbeddingSession
{
    private readonly InferenceSession _session;
    private readonly UseLiteTokenizer _tokenizer;
    private readonly RunOptions _runOptions = new();
    private readonly int _maxTokens;

    private UseLiteBareSession(InferenceSession session, UseLiteTokenizer tokenizer, int maxTokens)
    {
        _session = session;
        _tokenizer = tokenizer;
        _maxTokens = maxTokens;
    }

    /// <summary>Opens <c>model.onnx</c> and <c>vocab.json</c> of <paramref name="options"/>' model as <see cref="UseLiteEmbeddingGenerator"/> does.</summary>
    public static UseLiteBareSession Open(EmbeddingOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Kind != EmbeddingModelKind.UseLite)
        {
            throw new InvalidOperationException($"The use-lite baseline cannot run the configured model '{options.Model}', which is {options.Kind}.");
        }

        var tokenizer = UseLiteTokenizer.Load(Path.Combine(options.ModelDirectory, "vocab.json"));
        var session = BareEmbeddingSession.OpenSession(Path.Combine(options.ModelDirectory, "model.onnx"), options, logger);
        var maxTokens = options.MaxTokens > 0 ? Math.Min(options.MaxTokens, UseLiteEmbeddingGenerator.ModelMaxTokens) : UseLiteEmbeddingGenerator.ModelMaxTokens;
        return new UseLiteBareSession(session, tokenizer, maxTokens);
    }

    /// <inheritdoc />
    public BarePreparedBatch Prepare(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var separator = UseLiteInputs.SeparatorTokenId(_tokenizer);
        var (indices, values) = UseLiteInputs.Build(_tokenizer, separator, texts, 0, texts.Count, _maxTokens);
        return new BarePreparedBatch(
            texts.Count,
            values.Length,
            UseLiteInputs.InputNames,
            [OrtValue.CreateTensorValueFromMemory(indices, [values.Length, 2]), OrtValue.CreateTensorValueFromMemory(values, [values.Length])]);
    }

    /// <summary>One session run on a prepared batch; the output (already L2-normalised by the graph) is released without being copied.</summary>
    public void Run(BarePreparedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var outputs = _session.Run(_runOptions, batch.InputNames, batch.Inputs, UseLiteInputs.OutputNames);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}

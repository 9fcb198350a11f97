using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Rag.Onnx.SentenceEmbeddings;

namespace Rag.Bench.Embed;

/// <summary>
/// The ceiling that <c>rag bench embed</c> measures the embedder against: the use-lite model in its own session made
/// with the generator's session options (provider, threads), fed inputs tokenized and turned into tensors beforehand,
/// so that <see cref="Run"/> is nothing but <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>.
/// Lives in the benchmark project; it sees the product's session, tokenizer and input types through InternalsVisibleTo("Rag.Bench").
/// </summary>
public sealed class UseLiteBareSession : IDisposable
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
            throw new InvalidOperationException($"The bare-session baseline exists for use-lite only; the configured model '{options.Model}' is {options.Kind}.");
        }

        var tokenizer = UseLiteTokenizer.Load(Path.Combine(options.ModelDirectory, "vocab.json"));
        using var sessionOptions = SessionOptionsFactory.Create(options.ExecutionProvider, options.IntraOpThreads, logger ?? NullLogger.Instance);
        var session = new InferenceSession(Path.Combine(options.ModelDirectory, "model.onnx"), sessionOptions);
        var maxTokens = options.MaxTokens > 0 ? Math.Min(options.MaxTokens, UseLiteEmbeddingGenerator.ModelMaxTokens) : UseLiteEmbeddingGenerator.ModelMaxTokens;
        return new UseLiteBareSession(session, tokenizer, maxTokens);
    }

    /// <summary>Tokenizes <paramref name="texts"/> exactly as the generator does and builds the input tensors once.</summary>
    public UseLitePreparedBatch Prepare(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var separator = UseLiteInputs.SeparatorTokenId(_tokenizer);
        var (indices, values) = UseLiteInputs.Build(_tokenizer, separator, texts, 0, texts.Count, _maxTokens);
        return new UseLitePreparedBatch(
            texts.Count,
            values.Length,
            OrtValue.CreateTensorValueFromMemory(indices, [values.Length, 2]),
            OrtValue.CreateTensorValueFromMemory(values, [values.Length]));
    }

    /// <summary>One session run on a prepared batch; the output is released without being copied.</summary>
    public void Run(UseLitePreparedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var outputs = _session.Run(_runOptions, UseLiteInputs.InputNames, [batch.Indices, batch.Values], UseLiteInputs.OutputNames);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}

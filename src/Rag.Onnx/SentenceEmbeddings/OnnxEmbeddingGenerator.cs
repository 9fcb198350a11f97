using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Rag.Core.Diagnostics;
using Rag.Core.Embeddings;
using Rag.Core.Ids;

namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>
/// What every ONNX sentence embedder shares: one thread-safe <see cref="InferenceSession"/>, splitting inputs into
/// batches, the Microsoft.Extensions.AI plumbing and disposal. A model family supplies tokenisation and one batch run.
/// </summary>
public abstract class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>, IEmbeddingTokenizer, IDisposable
{
    private readonly int _batchSize;
    private readonly Lazy<ModelVersion> _version;
    private int _disposed;

    /// <summary>Creates the session for <paramref name="modelPath"/> with the configured execution provider.</summary>
    protected OnnxEmbeddingGenerator(EmbeddingOptions options, string modelPath, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ModelId = options.Model;
        _batchSize = Math.Max(1, options.BatchSize);

        // Hashed on first request (the audit trail's), not at start-up: ORT has just read the file, so it is cached.
        _version = new Lazy<ModelVersion>(() => new ModelVersion(FileHashes.Sha256(modelPath)[..16]));
        if (!UseLiteTokenizer.NormalizationAvailable)
        {
            OnnxLog.NormalizationUnavailable(logger);
        }

        Session = SessionOptionsFactory.Open(
            modelPath, options.ExecutionProvider, options.IntraOpThreads, logger, SessionOptionsFactory.EmbeddingSetting, out var inUse);
        ExecutionProviderInUse = inUse;
        OnnxLog.ExecutionProviderInUse(logger, options.Model, inUse, options.ExecutionProvider);
    }

    /// <summary>
    /// The provider the session runs on: <see cref="ExecutionProvider.Cuda"/>, <see cref="ExecutionProvider.DirectML"/>
    /// or <see cref="ExecutionProvider.Cpu"/> (never Auto: Auto resolves to one of them, falling back to CPU).
    /// </summary>
    public ExecutionProvider ExecutionProviderInUse { get; }

    /// <summary>Provider "onnx", the model id and its dimensions.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; protected init; } = new("onnx");

    /// <inheritdoc />
    public abstract int MaxTokens { get; }

    /// <summary>The model id (folder name).</summary>
    protected string ModelId { get; }

    /// <summary>The one session; <see cref="InferenceSession.Run(IReadOnlyCollection{NamedOnnxValue})"/> is thread-safe.</summary>
    protected InferenceSession Session { get; }

    /// <inheritdoc />
    public abstract int CountTokens(string text);

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
            var started = Stopwatch.GetTimestamp();
            foreach (var vector in RunBatch(inputs, offset, count))
            {
                result.Add(new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = DateTimeOffset.UtcNow });
            }

            RecordBatch(count, Stopwatch.GetElapsedTime(started));
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

        if (serviceType == typeof(ModelVersion))
        {
            return _version.Value;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Embeds <paramref name="count"/> inputs from <paramref name="offset"/> in one session run; L2-normalised.</summary>
    protected abstract float[][] RunBatch(IReadOnlyList<string> inputs, int offset, int count);

    private static void RecordBatch(int count, TimeSpan elapsed)
    {
        RagMetrics.EmbeddingBatchSize.Record(count);
        if (elapsed > TimeSpan.Zero)
        {
            RagMetrics.EmbeddingThroughput.Record(count / elapsed.TotalSeconds);
        }
    }

    /// <summary>Disposes the session once.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Session.Dispose();
        }
    }
}

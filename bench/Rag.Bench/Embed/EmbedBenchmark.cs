using System.Diagnostics;
using Microsoft.Extensions.AI;
using Rag.Bench.Query;
using Rag.Core.Embeddings;
using Rag.Evaluation.Reporting;
using Rag.Onnx.SentenceEmbeddings;

namespace Rag.Bench.Embed;

/// <summary>
/// Embedding throughput through the full stack (<see cref="IEmbeddingGenerator{TInput,TEmbedding}.GenerateAsync"/>: text
/// in, vectors out) against its ceiling measured in the same run: a bare <c>InferenceSession.Run</c> loop over the same
/// batches, tokenized and turned into tensors before timing, in a session with the same options.
/// The two paths alternate call by call, so drift (thermal, other load on the machine) hits both alike.
/// </summary>
/// <remarks>The generator must be configured with a batch size of at least the largest one measured, so one call is one run.</remarks>
public sealed class EmbedBenchmark
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly IBareEmbeddingSession _bare;
    private readonly EmbeddingOptions _embeddingOptions;

    /// <summary>Creates the benchmark over <paramref name="generator"/> and its <paramref name="bare"/> baseline.</summary>
    public EmbedBenchmark(IEmbeddingGenerator<string, Embedding<float>> generator, IBareEmbeddingSession bare, EmbeddingOptions embeddingOptions)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(bare);
        ArgumentNullException.ThrowIfNull(embeddingOptions);
        _generator = generator;
        _bare = bare;
        _embeddingOptions = embeddingOptions;
    }

    /// <summary>Measures every batch size of <paramref name="options"/> on <paramref name="chunks"/>.</summary>
    public async Task<EmbedBenchResult> RunAsync(
        IReadOnlyList<string> chunks,
        string corpus,
        EmbedBenchOptions options,
        RunEnvironment environment,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentOutOfRangeException.ThrowIfZero(chunks.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Repetitions);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Warmups);
        if (options.BatchSizes.Count == 0 || options.BatchSizes.Any(b => b <= 0))
        {
            throw new ArgumentException("Batch sizes must be positive.", nameof(options));
        }

        long tokens = 0;
        var characters = chunks.Sum(c => (long)c.Length);
        var results = new List<EmbedBatchResult>(options.BatchSizes.Count);
        foreach (var batchSize in options.BatchSizes)
        {
            var (result, batchTokens) = await MeasureAsync(chunks, characters, batchSize, options, cancellationToken);
            results.Add(result);
            tokens = batchTokens;
        }

        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>();
        var maxTokens = _generator.GetService<IEmbeddingTokenizer>()?.MaxTokens ?? 0;
        var parameters = new EmbedBenchParameters(
            metadata?.DefaultModelId ?? _embeddingOptions.Model,
            metadata?.DefaultModelDimensions ?? 0,
            corpus,
            chunks.Count,
            tokens,
            (double)tokens / chunks.Count,
            characters,
            (double)characters / chunks.Count,
            maxTokens,
            options.BatchSizes,
            options.Repetitions,
            options.Warmups,
            _embeddingOptions.ExecutionProvider.ToString(),
            _embeddingOptions.IntraOpThreads);
        return new EmbedBenchResult(
            "embed",
            environment,
            parameters,
            options.Target,
            results.TrueForAll(r => r.MeetsTarget),
            results,
            results.Max(r => r.PeakWorkingSetBytes));
    }

    private async Task<(EmbedBatchResult Result, long Tokens)> MeasureAsync(IReadOnlyList<string> chunks, long characters, int batchSize, EmbedBenchOptions options, CancellationToken cancellationToken)
    {
        var slices = new List<string[]>();
        for (var offset = 0; offset < chunks.Count; offset += batchSize)
        {
            slices.Add(chunks.Skip(offset).Take(batchSize).ToArray());
        }

        var prepared = slices.Select(_bare.Prepare).ToList();
        try
        {
            long tokens = prepared.Sum(p => (long)p.Tokens);
            ProcessMemory.Collect();
            var peakReset = ProcessMemory.TryResetPeak();
            for (var i = 0; i < options.Warmups; i++)
            {
                await PassAsync(slices, prepared, cancellationToken);
            }

            var full = new List<double>(options.Repetitions);
            var bare = new List<double>(options.Repetitions);
            long fullAllocated = 0, bareAllocated = 0;
            for (var i = 0; i < options.Repetitions; i++)
            {
                var pass = await PassAsync(slices, prepared, cancellationToken);
                full.Add(pass.FullSeconds);
                bare.Add(pass.BareSeconds);
                fullAllocated += pass.FullAllocated;
                bareAllocated += pass.BareAllocated;
            }

            var embedded = (double)chunks.Count * options.Repetitions;
            var fullThroughput = Throughput(full, chunks.Count, tokens, characters, fullAllocated / embedded);
            var bareThroughput = Throughput(bare, chunks.Count, tokens, characters, bareAllocated / embedded);
            var ratio = fullThroughput.ChunksPerSecond / bareThroughput.ChunksPerSecond;
            var result = new EmbedBatchResult(
                batchSize,
                slices.Count,
                fullThroughput,
                bareThroughput,
                ratio,
                ratio >= options.Target,
                ProcessMemory.PeakWorkingSet(),
                peakReset);
            return (result, tokens);
        }
        finally
        {
            foreach (var batch in prepared)
            {
                batch.Dispose();
            }
        }
    }

    /// <summary>
    /// One pass over every batch, alternating the two paths call by call, so that whatever else the machine is doing
    /// slows both alike. The full stack runs synchronously on this thread, so the thread's allocation counter sees all of it.
    /// </summary>
    private async Task<(double FullSeconds, double BareSeconds, long FullAllocated, long BareAllocated)> PassAsync(
        List<string[]> slices, List<BarePreparedBatch> prepared, CancellationToken cancellationToken)
    {
        long fullTicks = 0, bareTicks = 0, fullAllocated = 0, bareAllocated = 0;
        for (var i = 0; i < slices.Count; i++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            var embeddings = await _generator.GenerateAsync(slices[i], cancellationToken: cancellationToken);
            var middle = Stopwatch.GetTimestamp();
            var middleAllocated = GC.GetAllocatedBytesForCurrentThread();
            _bare.Run(prepared[i]);
            var ended = Stopwatch.GetTimestamp();
            bareAllocated += GC.GetAllocatedBytesForCurrentThread() - middleAllocated;
            fullAllocated += middleAllocated - allocated;
            fullTicks += middle - started;
            bareTicks += ended - middle;
            if (embeddings.Count != slices[i].Length)
            {
                throw new InvalidOperationException($"The embedder returned {embeddings.Count} vectors for {slices[i].Length} inputs.");
            }
        }

        return ((double)fullTicks / Stopwatch.Frequency, (double)bareTicks / Stopwatch.Frequency, fullAllocated, bareAllocated);
    }

    private static EmbedThroughput Throughput(List<double> passes, int chunks, long tokens, long characters, double allocatedPerChunk)
    {
        var median = Percentiles.Median(passes);
        return new EmbedThroughput(median, chunks / median, tokens / median, characters / median, passes, allocatedPerChunk);
    }
}

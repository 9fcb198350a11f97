using System.Diagnostics;
using Microsoft.Extensions.Options;
using Rag.Bench.Embed;
using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Retrieval;
using Rag.Evaluation.Reporting;
using Rag.Storage;

namespace Rag.Bench.Query;

/// <summary>
/// Retrieval latency of the embedded index (<see cref="SqliteDocumentIndex"/>) at growing sizes of synthetic chunks:
/// dense, keyword and hybrid p50/p95/p99, against a bare exact scan over the same vectors in the same run, with load
/// time, reopen time, database size and memory per chunk. One index grows through the sizes in ascending order.
/// </summary>
public sealed class QueryBenchmark
{
    /// <summary>Vector length of the synthetic chunks (that of use-lite).</summary>
    public const int Dimensions = 512;

    private static readonly EmbeddingModelInfo s_model = new("synthetic-unit-vectors", Dimensions);
    private static readonly AccessScope s_scope = new("bench", ["bench-readers"]);

    /// <summary>Runs the benchmark; <paramref name="progress"/> hears one line per phase.</summary>
    public static async Task<QueryBenchResult> RunAsync(QueryBenchOptions options, RunEnvironment environment, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.WorkDirectory, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Queries, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Warmups, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Limit, nameof(options));
        var sizes = options.Sizes.Distinct().Order().ToList();
        if (sizes.Count == 0 || sizes[0] <= 0)
        {
            throw new ArgumentException("Sizes must be positive.", nameof(options));
        }

        if ((long)sizes[^1] * Dimensions > Array.MaxLength)
        {
            throw new ArgumentException($"At most {Array.MaxLength / Dimensions} chunks of {Dimensions} dimensions fit in one array.", nameof(options));
        }

        var storage = new StorageOptions { DataDirectory = options.WorkDirectory };
        if (Directory.Exists(options.WorkDirectory) && Directory.EnumerateFileSystemEntries(options.WorkDirectory).Any())
        {
            throw new InvalidOperationException($"The work directory '{options.WorkDirectory}' is not empty; the benchmark needs a fresh one.");
        }

        try
        {
            var corpus = new SyntheticCorpus(options.Seed, Dimensions, options.MinChunksPerDocument, options.MaxChunksPerDocument);
            var queries = Enumerable.Range(0, options.Queries).Select(_ => NextQuery(corpus)).ToList();
            var warmups = Enumerable.Range(0, Math.Max(1, options.Warmups)).Select(_ => NextQuery(corpus)).ToList();
            var embeddings = new PrecomputedQueryEmbeddings();
            foreach (var (text, vector) in queries.Concat(warmups))
            {
                embeddings.Add(text, vector);
            }

            // The bare-scan copy of every vector, written as chunks are generated.
            // Filled up front so its pages are resident before the baseline reading.
            var bare = new float[sizes[^1] * Dimensions];
            bare.AsSpan().Fill(float.Epsilon);

            // Memory is measured against this baseline, taken before the index exists, after each reopen from disk.
            ProcessMemory.Collect();
            var (baseWorkingSet, baseManaged) = (ProcessMemory.WorkingSet(), GC.GetTotalMemory(forceFullCollection: false));
            var results = new List<QuerySizeResult>(sizes.Count);
            SqliteDocumentIndex? index = await SqliteDocumentIndex.OpenAsync(storage, cancellationToken: cancellationToken);
            try
            {
                await index.EnsureModelAsync(s_model, cancellationToken);
                await index.UpsertDocumentSetAsync(new DocumentSet(SyntheticCorpus.SetName, ["bench-readers"]), cancellationToken);
                var loaded = 0;
                foreach (var size in sizes)
                {
                    progress?.Report($"loading {size:N0} chunks");
                    var loadSeconds = await LoadAsync(index, corpus, bare, loaded, size, cancellationToken);
                    var added = size - loaded;
                    loaded = size;

                    // Reopen: memory is read after a fresh load from disk, which is also how a restarted service starts.
                    await index.DisposeAsync();
                    index = null;
                    var databaseBytes = Directory.EnumerateFiles(options.WorkDirectory, SqliteDocumentIndex.FileName + "*").Sum(f => new FileInfo(f).Length);
                    var opened = Stopwatch.GetTimestamp();
                    index = await SqliteDocumentIndex.OpenAsync(storage, cancellationToken: cancellationToken);
                    var openSeconds = Stopwatch.GetElapsedTime(opened).TotalSeconds;
                    ProcessMemory.Collect();
                    var workingSetPerChunk = (double)(ProcessMemory.WorkingSet() - baseWorkingSet) / size;
                    var managedPerChunk = (double)(GC.GetTotalMemory(forceFullCollection: false) - baseManaged) / size;

                    progress?.Report($"querying {size:N0} chunks");
                    var open = index;
                    var retriever = new HybridRetriever(open, embeddings, Options.Create(new RetrievalOptions()));
                    var dense = await TimeAsync(queries, warmups, options, q => open.SearchDenseAsync(q.Vector, s_scope, options.Limit, cancellationToken), cancellationToken);
                    var keyword = await TimeAsync(queries, warmups, options, q => open.SearchKeywordAsync(q.Text, s_scope, options.Limit, cancellationToken), cancellationToken);
                    var hybrid = await TimeAsync(queries, warmups, options, q => retriever.RetrieveAsync(q.Text, s_scope, RetrievalMode.Hybrid, options.Limit, cancellationToken), cancellationToken);
                    var scan = await TimeAsync(queries, warmups, options, q => Task.FromResult(BareScan.TopK(bare, size, Dimensions, q.Vector, options.Limit)), cancellationToken);
                    results.Add(new QuerySizeResult(
                        size,
                        corpus.Documents,
                        loadSeconds,
                        added / loadSeconds,
                        openSeconds,
                        databaseBytes,
                        (double)databaseBytes / size,
                        workingSetPerChunk,
                        managedPerChunk,
                        dense,
                        keyword,
                        hybrid,
                        scan,
                        scan.P50Ms / dense.P50Ms,
                        dense.P50Ms * 1_000_000d / size,
                        scan.P50Ms * 1_000_000d / size));
                }
            }
            finally
            {
                if (index is not null)
                {
                    await index.DisposeAsync();
                }
            }

            GC.KeepAlive(bare);
            var shape = options.EffectiveKeywordFilter;
            progress?.Report($"keyword set filter: {shape.UnreadableChunks + shape.ReadableChunks:N0} chunks, {shape.UnreadableChunks:N0} unreadable");
            var keywordFilter = await KeywordFilterScenario.RunAsync(shape, options, Path.Combine(options.WorkDirectory, "keyword-filter"), cancellationToken);
            var growth = new List<QueryGrowth>();
            for (var i = 1; i < results.Count; i++)
            {
                growth.Add(QueryGrowth.Between(results[i - 1], results[i]));
            }

            var parameters = new QueryBenchParameters(
                sizes,
                Dimensions,
                options.Queries,
                options.Warmups,
                options.Limit,
                new RetrievalOptions().CandidatesPerSearch,
                options.Seed,
                options.MinChunksPerDocument,
                options.MaxChunksPerDocument,
                "synthetic: random unit vectors; Zipf text over a 20,000 pseudo-word vocabulary, 60-100 words per chunk",
                "precomputed random unit vectors (fake embedder; no model in the timing)");
            return new QueryBenchResult("query", environment, parameters, results, growth, ProcessMemory.PeakWorkingSet(), keywordFilter);
        }
        finally
        {
            if (!options.Keep)
            {
                ScratchDirectory.TryDelete(options.WorkDirectory);
            }
        }
    }

    private static async Task<double> LoadAsync(SqliteDocumentIndex index, SyntheticCorpus corpus, float[] bare, int from, int to, CancellationToken cancellationToken)
    {
        var elapsed = 0L;
        for (var loaded = from; loaded < to;)
        {
            var (document, chunks) = corpus.NextDocument(to - loaded, bare.AsSpan(loaded * Dimensions, (to - loaded) * Dimensions));
            var started = Stopwatch.GetTimestamp();
            await index.ReplaceDocumentAsync(document, chunks, cancellationToken);
            elapsed += Stopwatch.GetTimestamp() - started;
            loaded += chunks.Count;
        }

        return (double)elapsed / Stopwatch.Frequency;
    }

    private static async Task<LatencySummary> TimeAsync<T>(
        List<(string Text, float[] Vector)> queries,
        List<(string Text, float[] Vector)> warmups,
        QueryBenchOptions options,
        Func<(string Text, float[] Vector), Task<T>> search,
        CancellationToken cancellationToken)
    {
        // Warm up for at least the asked number of queries and at least WarmupTime, cycling the warm-up queries:
        // a handful of fast queries ends before the JIT has replaced the first-tier code of the hot loops.
        var warmupStarted = Stopwatch.GetTimestamp();
        for (var i = 0; i < options.Warmups || Stopwatch.GetElapsedTime(warmupStarted) < options.EffectiveWarmupTime; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await search(warmups[i % warmups.Count]);
        }

        var millis = new List<double>(queries.Count);
        foreach (var query in queries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            await search(query);
            millis.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return LatencySummary.Of(millis);
    }

    private static (string Text, float[] Vector) NextQuery(SyntheticCorpus corpus)
    {
        var vector = new float[Dimensions];
        corpus.NextUnitVector(vector);
        return (corpus.NextQueryText(), vector);
    }
}

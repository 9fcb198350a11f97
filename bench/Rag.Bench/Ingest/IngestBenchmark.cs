using System.Diagnostics;
using Rag.Core.Documents;
using Rag.Evaluation.Reporting;
using Rag.Ingest.Pipeline;

namespace Rag.Bench.Ingest;

/// <summary>
/// Measures ingestion on a real corpus: first each stage alone over the whole corpus (parse, chunk, embed, write,
/// one after the other, each on the previous one's output held in memory), then the real <see cref="IngestionPipeline"/>
/// end to end into a second fresh data directory. The slowest stage alone is the ceiling the pipeline is held to:
/// with its stages overlapping, the pipeline cannot be faster than that stage, and should not be much slower.
/// </summary>
public sealed class IngestBenchmark(IngestBenchmarkOptions options)
{
    /// <summary>The document set the corpus is ingested into (in throw-away data directories only).</summary>
    public const string SetName = "bench-ingest";

    private const string Actor = "bench:ingest";

    /// <summary>Runs the benchmark; <paramref name="progress"/> hears the name of each phase as it starts.</summary>
    public async Task<IngestBenchmarkResult> RunAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var environment = RunEnvironment.Capture(options.RepositoryRoot);
        var work = Path.Combine(Path.GetFullPath(options.WorkDirectory), "bench-ingest-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(work);
        try
        {
            var (corpus, stages, workload) = await MeasureStagesAsync(Path.Combine(work, "stages"), progress, cancellationToken);
            Collect();
            var endToEnd = await MeasureEndToEndAsync(Path.Combine(work, "end-to-end"), corpus, progress, cancellationToken);
            return Summarize(environment, corpus, workload, stages, endToEnd);
        }
        finally
        {
            ScratchDirectory.TryDelete(work);
        }
    }

    private async Task<(BenchmarkCorpus Corpus, IReadOnlyList<StageMeasurement> Stages, Workload Workload)> MeasureStagesAsync(
        string dataDirectory, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        await using var services = new IngestServices(options.ServicesFor(dataDirectory));
        var corpus = BenchmarkCorpus.Load(options.Corpus, options.FileLimit, services.Readers);
        var stages = new IsolatedStages(services, SetName, Actor);
        await WarmUpAsync(services, stages, corpus, cancellationToken);

        progress?.Report($"{IngestStages.Parse} alone: {corpus.Files.Count} files");
        Collect();
        var meter = PhaseMeter.Start();
        var (parsed, _) = await stages.ParseAsync(corpus.Files, cancellationToken);
        var parse = await meter.StopAsync(IngestStages.Parse, corpus.Files.Count, 0, 0);

        progress?.Report($"{IngestStages.Chunk} alone");
        Collect();
        meter = PhaseMeter.Start();
        var chunked = stages.Chunk(parsed, cancellationToken);
        var chunk = await meter.StopAsync(IngestStages.Chunk, parsed.Count, 0, 0);
        parsed = null;
        var workload = new Workload(chunked.Count, chunked.Sum(f => f.Document.PageCount), chunked.Sum(f => f.Chunks.Count), services.Model.ModelId + "/" + services.Model.Dimensions, services.Options);

        progress?.Report($"{IngestStages.Embed} alone: {workload.Chunks} chunks");
        Collect();
        meter = PhaseMeter.Start();
        var embedded = await stages.EmbedAsync(chunked, cancellationToken);
        var embed = await meter.StopAsync(IngestStages.Embed, chunked.Count, 0, 0);

        progress?.Report($"{IngestStages.Write} alone");
        await services.Index.EnsureModelAsync(services.Model, cancellationToken);
        await services.Index.UpsertDocumentSetAsync(new DocumentSet(SetName, [SetName]), cancellationToken);
        Collect();
        meter = PhaseMeter.Start();
        await stages.WriteAsync(chunked, embedded, cancellationToken);
        var write = await meter.StopAsync(IngestStages.Write, chunked.Count, 0, 0);

        var measured = new[] { parse, chunk, embed, write }
            .Select(m => m with { Pages = workload.Pages, Chunks = workload.Chunks })
            .ToList();
        return (corpus, measured, workload);
    }

    private async Task<StageMeasurement> MeasureEndToEndAsync(string dataDirectory, BenchmarkCorpus corpus, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        await using var services = new IngestServices(options.ServicesFor(dataDirectory));
        await WarmUpEmbedderAsync(services, cancellationToken);

        progress?.Report($"{IngestStages.EndToEnd}: {corpus.Files.Count} files through the pipeline");
        Collect();
        var meter = PhaseMeter.Start();
        int pages = 0, chunks = 0;
        var request = new IngestionRequest(corpus.Files, SetName, [SetName], Actor);
        await foreach (var result in services.Pipeline.IngestAsync(request, cancellationToken: cancellationToken))
        {
            if (result.Status == IngestionStatus.Indexed)
            {
                pages += result.Pages;
                chunks += result.Chunks;
            }
        }

        return await meter.StopAsync(IngestStages.EndToEnd, corpus.Files.Count, pages, chunks);
    }

    private IngestBenchmarkResult Summarize(RunEnvironment environment, BenchmarkCorpus corpus, Workload workload, IReadOnlyList<StageMeasurement> stages, StageMeasurement endToEnd)
    {
        var slowest = stages.MaxBy(s => s.Seconds)!;
        var ceiling = new IngestCeiling(slowest.Stage, slowest.PagesPerSecond, slowest.ChunksPerSecond);

        // Pages are the unit of a PDF corpus; a corpus without pages (Markdown, text) is compared in chunks.
        var ratio = workload.Pages > 0
            ? Divide(endToEnd.PagesPerSecond, ceiling.PagesPerSecond)
            : Divide(endToEnd.ChunksPerSecond, ceiling.ChunksPerSecond);
        var parameters = new IngestBenchmarkParameters(
            corpus.Root,
            corpus.FilesInCorpus,
            options.FileLimit,
            corpus.Files.Count,
            corpus.Bytes,
            workload.IndexedFiles,
            workload.Pages,
            workload.Chunks,
            workload.Model,
            workload.Options.EmbeddingBatchSize,
            workload.Options.ReadAhead);
        using var process = Process.GetCurrentProcess();
        return new IngestBenchmarkResult(
            "ingest",
            environment,
            parameters,
            stages,
            endToEnd,
            ceiling,
            stages.Sum(s => s.Seconds),
            ratio,
            options.Target,
            ratio >= options.Target,
            process.PeakWorkingSet64);
    }

    /// <summary>First calls pay for JIT compilation and ONNX Runtime's lazy set-up; neither belongs in a stage's time.</summary>
    private static async Task WarmUpAsync(IngestServices services, IsolatedStages stages, BenchmarkCorpus corpus, CancellationToken cancellationToken)
    {
        foreach (var file in corpus.Files.Take(3))
        {
            var (parsed, _) = await stages.ParseAsync([file], cancellationToken);
            var chunked = stages.Chunk(parsed, cancellationToken);
            if (chunked.Count > 0)
            {
                var first = chunked[0].Chunks.Take(services.Options.EmbeddingBatchSize).Select(c => c.Text);
                await services.Embedder.GenerateAsync(first, cancellationToken: cancellationToken);
                return;
            }
        }

        await WarmUpEmbedderAsync(services, cancellationToken);
    }

    private static async Task WarmUpEmbedderAsync(IngestServices services, CancellationToken cancellationToken)
    {
        var texts = Enumerable.Range(0, services.Options.EmbeddingBatchSize).Select(i => $"Warm-up sentence number {i} for the embedding model.");
        await services.Embedder.GenerateAsync(texts, cancellationToken: cancellationToken);
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static double Divide(double value, double by) => by > 0 ? value / by : 0;

    private sealed record Workload(int IndexedFiles, int Pages, int Chunks, string Model, IngestionOptions Options);
}

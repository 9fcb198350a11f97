using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Ingestion;
using Rag.Core.Storage;
using Rag.Ingest.Chunking;
using Rag.Ingest.Pipeline;

namespace Rag.Ingest.Worker;

/// <summary>
/// Takes jobs from the queue and runs them through read → clean → chunk (<see cref="JobReader"/>) → embed → write, three
/// concurrent stages joined by bounded channels, so that parsing the next file overlaps embedding the current one. One
/// result per document; a failure fails that document, never the run. Any host runs it: the worker host as a service
/// (<see cref="RunAsync"/>), the command line in-process until its files are done (<see cref="RunUntilAsync"/>).
/// </summary>
/// <remarks>
/// Shutdown (the token passed in is cancelled): no new job is claimed; the jobs already claimed finish if they do within
/// <see cref="IngestWorkerOptions.ShutdownGrace"/>, otherwise they are abandoned and released to the queue unchanged.
/// </remarks>
public sealed class IngestWorker
{
    private readonly IIngestJobStore _store;
    private readonly JobReader _reader;
    private readonly JobOutcomes _outcomes;
    private readonly StructureAwareChunker _chunker;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly IDocumentIndex _index;
    private readonly EmbeddingModelInfo _model;
    private readonly IngestionOptions _options;
    private readonly IngestWorkerOptions _workerOptions;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestWorker> _logger;
    private readonly DateTimeOffset _started;

    /// <summary>Creates a worker with an id of its own.</summary>
    public IngestWorker(
        IIngestJobStore store,
        JobReader reader,
        StructureAwareChunker chunker,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        EmbeddingModelInfo model,
        IDocumentIndex index,
        IAuditLog audit,
        IOptions<IngestionOptions> options,
        IOptions<IngestWorkerOptions> workerOptions,
        TimeProvider timeProvider,
        ILogger<IngestWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workerOptions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _reader = reader;
        _chunker = chunker;
        _embedder = embedder;
        _index = index;
        _model = model;
        _options = options.Value;
        _workerOptions = workerOptions.Value;
        _time = timeProvider;
        _logger = logger;
        _started = timeProvider.GetUtcNow();
        WorkerId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
        _outcomes = new JobOutcomes(store, WorkerId, audit, model, embedder, _workerOptions, logger);
    }

    /// <summary>This worker's id in the queue (host, process id and a random part).</summary>
    public string WorkerId { get; }

    /// <summary>What it embeds with, as recorded in its worker heartbeats ("CPU", "CUDA" ...); set by the host. Default "CPU".</summary>
    public string ExecutionProvider { get; set; } = "CPU";

    /// <summary>Works the queue until <paramref name="stoppingToken"/> is cancelled (then shuts down gracefully and returns).</summary>
    public Task RunAsync(CancellationToken stoppingToken) => RunCoreAsync(null, null, stoppingToken);

    /// <summary>
    /// Works the queue (any job, not only the caller's) until <paramref name="doneAsync"/> says the work waited for is done,
    /// asked whenever no job is due; <paramref name="onResult"/> hears each document this worker ends. Throws
    /// <see cref="OperationCanceledException"/> after a graceful shutdown when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task RunUntilAsync(Func<CancellationToken, Task<bool>> doneAsync, Action<JobResult>? onResult, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(doneAsync);
        await RunCoreAsync(doneAsync, onResult, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task RunCoreAsync(Func<CancellationToken, Task<bool>>? doneAsync, Action<JobResult>? onResult, CancellationToken stoppingToken)
    {
        using var hard = new CancellationTokenSource();
        await using var grace = stoppingToken.Register(() => hard.CancelAfter(_workerOptions.ShutdownGrace));
        using var keeperStop = CancellationTokenSource.CreateLinkedTokenSource(hard.Token);
        using var wake = new SemaphoreSlim(0);
        var run = new WorkerRun(new JobLeases(_store, WorkerId, _workerOptions, _time, _logger), wake, onResult);
        var token = hard.Token;

        // Bound (or checked) before any job is taken: a worker started on a fresh data directory, before any
        // `ingest` bound the index to the embedding model, must not fail every job it takes.
        await _index.EnsureModelAsync(_model, token);
        await WorkerHeartbeatAsync(token);
        var keeper = run.Leases.KeepAsync(WorkerHeartbeatAsync, keeperStop.Token);
        var parsed = Channel.CreateBounded<HeldJob>(_options.ReadAhead);
        var embedded = Channel.CreateBounded<HeldJob>(_options.ReadAhead);
        try
        {
            await Task.WhenAll(
                RunStage(() => ClaimAndReadStageAsync(run, doneAsync, parsed.Writer, stoppingToken, token), parsed.Writer),
                RunStage(() => EmbedStageAsync(run, parsed.Reader, embedded.Writer, token), embedded.Writer),
                RunStage(() => WriteStageAsync(run, embedded.Reader, token), null));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Past the grace period: what is still held is released below.
        }
        finally
        {
            await keeperStop.CancelAsync();
            await keeper;
            await ReleaseHeldAsync(run);
        }
    }

    private static Task RunStage(Func<Task> stage, ChannelWriter<HeldJob>? output) =>
        Task.Run(async () =>
        {
            try
            {
                await stage();
                output?.TryComplete();
            }
            catch (Exception ex)
            {
                output?.TryComplete(ex);
                throw;
            }
        });

    private async Task ClaimAndReadStageAsync(
        WorkerRun run, Func<CancellationToken, Task<bool>>? doneAsync, ChannelWriter<HeldJob> output, CancellationToken stoppingToken, CancellationToken token)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var job = await _store.ClaimAsync(WorkerId, _workerOptions.LeaseDuration, token);
            if (job is null)
            {
                if (doneAsync is not null && await doneAsync(token))
                {
                    return;
                }

                await WaitForWorkAsync(run.Wake, stoppingToken);
                continue;
            }

            var held = run.Leases.Add(job);
            if (await _reader.ReadAsync(held, token) is { } ended)
            {
                await _outcomes.EndAsync(run, held, ended, token);
                continue;
            }

            await output.WriteAsync(held, token);
        }
    }

    private async Task WaitForWorkAsync(SemaphoreSlim wake, CancellationToken stoppingToken)
    {
        try
        {
            // Woken early when one of this worker's jobs ends (the work waited for may be done), else after the poll interval.
            await wake.WaitAsync(_workerOptions.PollInterval, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task EmbedStageAsync(WorkerRun run, ChannelReader<HeldJob> input, ChannelWriter<HeldJob> output, CancellationToken token)
    {
        await foreach (var held in input.ReadAllAsync(token))
        {
            held.State = IngestJobState.Embedding;
            if (!await run.Leases.RenewAsync(held, token))
            {
                _outcomes.Abandon(run, held);
                continue;
            }

            var chunks = held.Chunks!;
            var vectors = new List<ReadOnlyMemory<float>>(chunks.Count);
            try
            {
                using var step = held.Telemetry.Step("ingest.embed");
                foreach (var batch in chunks.Chunk(_options.EmbeddingBatchSize))
                {
                    var embeddings = await _embedder.GenerateAsync(batch.Select(c => _chunker.EmbeddingInput(c, held.Document!.Title)), cancellationToken: token);
                    vectors.AddRange(embeddings.Select(e => e.Vector));
                    held.Progress = new IngestJobProgress(Math.Max(batch[^1].LastPage, 0), held.Document!.PageCount, vectors.Count, chunks.Count);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                await _outcomes.FailAsync(run, held, $"embedding failed: {ex.Message}", retryable: true, token);
                continue;
            }

            held.Vectors = vectors;
            await output.WriteAsync(held, token);
        }
    }

    private async Task WriteStageAsync(WorkerRun run, ChannelReader<HeldJob> input, CancellationToken token)
    {
        await foreach (var held in input.ReadAllAsync(token))
        {
            // Checked just before writing: a job another worker took (our lease expired) is not written twice.
            if (!await run.Leases.RenewAsync(held, token))
            {
                _outcomes.Abandon(run, held);
                continue;
            }

            var embedded = held.Chunks!.Select((c, i) => new EmbeddedChunk(c, held.Vectors![i])).ToList();
            try
            {
                using var step = held.Telemetry.Step("ingest.write");
                // Recorded before the document becomes searchable: no document is served without its record. The record,
                // the write and the job's end are one short step that shutdown does not cut in two (the record would
                // otherwise stand for a write that never happened, and the document be recorded twice).
                await _outcomes.AuditIndexedAsync(held, embedded.Count, CancellationToken.None);
                await _index.ReplaceDocumentAsync(held.Document!, embedded, CancellationToken.None);
            }
            catch (Exception ex)
            {
                await _outcomes.FailAsync(run, held, $"writing failed: {ex.Message}", retryable: true, CancellationToken.None);
                continue;
            }

            await _outcomes.IndexedAsync(run, held, embedded.Count, CancellationToken.None);
        }
    }

    private async Task ReleaseHeldAsync(WorkerRun run)
    {
        var held = run.Leases.Held;
        foreach (var job in held)
        {
            await _store.ReleaseAsync(job.Job.JobId, WorkerId, CancellationToken.None);
            job.Telemetry.Complete("released");
            run.Leases.Remove(job);
        }

        if (held.Count > 0)
        {
            WorkerLog.Released(_logger, WorkerId, held.Count);
        }
    }

    private Task WorkerHeartbeatAsync(CancellationToken cancellationToken) =>
        _store.WorkerHeartbeatAsync(
            new IngestWorkerInfo(WorkerId, Environment.MachineName, Environment.ProcessId, ExecutionProvider, _started, _time.GetUtcNow()), cancellationToken);
}

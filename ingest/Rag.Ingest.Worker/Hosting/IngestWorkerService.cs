using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rag.Core.Embeddings;
using Rag.Core.Ingestion;
using Rag.Onnx.SentenceEmbeddings;

namespace Rag.Ingest.Worker.Hosting;

/// <summary>
/// The worker process's hosted service. At start it loads the embedding model (so a provider named in
/// <c>Rag:Embedding:ExecutionProvider</c> that this machine lacks stops start-up), logs which execution provider embeds,
/// and registers the worker in the queue's workers table; then it keeps that registration alive with heartbeats until
/// the host stops (SIGTERM, Ctrl+C), so <c>rag ingest</c> can tell that a worker is running.
/// </summary>
internal sealed class IngestWorkerService(
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    EmbeddingModelInfo model,
    IIngestJobStore jobs,
    WorkerIdentity identity,
    IOptions<IngestWorkerOptions> options,
    TimeProvider time,
    ILogger<IngestWorkerService> logger) : BackgroundService
{
    private string _provider = ProviderNames.For(ExecutionProvider.Cpu);

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolving the model opens its ONNX Runtime session on the configured provider, before the host counts as started.
        var inUse = embedder.GetService<OnnxEmbeddingGenerator>()?.ExecutionProviderInUse ?? ExecutionProvider.Cpu;
        _provider = ProviderNames.For(inUse);
        WorkerLog.Started(logger, identity.WorkerId, model.ModelId, _provider);
        await jobs.WorkerHeartbeatAsync(Info(), cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        WorkerLog.Stopped(logger, identity.WorkerId);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await jobs.WorkerHeartbeatAsync(Info(), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A busy or briefly unavailable database must not stop the worker: the next beat tries again.
                    WorkerLog.HeartbeatFailed(logger, identity.WorkerId, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the normal end.
        }
    }

    private IngestWorkerInfo Info() =>
        new(identity.WorkerId, identity.Host, identity.ProcessId, _provider, identity.StartedAt, time.GetUtcNow());
}

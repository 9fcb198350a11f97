using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rag.Core.Embeddings;
using Rag.Onnx.SentenceEmbeddings;


namespace Rag.Ingest.Worker.Hosting;

/// <summary>
/// The worker process's hosted service. At start it loads the embedding model (so a provider named in
/// <c>Rag:Embedding:ExecutionProvider</c> that this machine lacks stops start-up) and logs which execution provider
/// embeds; then it runs the worker loop (<see cref="IngestWorker"/>: claims, reads, embeds and writes jobs, and records
/// the worker's heartbeats with that provider) until the host stops (SIGTERM, Ctrl+C), which shuts it down gracefully.
/// </summary>
internal sealed class IngestWorkerService(
    IngestWorker worker,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    EmbeddingModelInfo model,
    ILogger<IngestWorkerService> logger) : BackgroundService
{
    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var inUse = embedder.GetService<OnnxEmbeddingGenerator>()?.ExecutionProviderInUse ?? ExecutionProvider.Cpu;
        worker.ExecutionProvider = ProviderNames.For(inUse);
        WorkerLog.Started(logger, worker.WorkerId, model.ModelId, worker.ExecutionProvider);
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        WorkerLog.Stopped(logger, worker.WorkerId);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => worker.RunAsync(stoppingToken);
}

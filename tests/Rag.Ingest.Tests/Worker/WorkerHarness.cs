using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rag.Audit;
using Rag.Core;
using Rag.Core.Audit;
using Rag.Core.Ingestion;
using Rag.Core.Storage;
using Rag.Ingest.Pipeline;
using Rag.Ingest.Worker;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Storage;
using Rag.Testing;

namespace Rag.Ingest.Tests.Worker;

/// <summary>
/// The real services over a temporary data directory (rag.db with its queue, audit.db, the installed embedder wrapped in a
/// <see cref="CountingEmbedderWrapper"/>), with short queue timings; parsing stays in-process (the sandbox has its own tests).
/// </summary>
internal sealed class WorkerHarness : IAsyncDisposable
{
    public const string Set = "docs";
    private readonly ServiceProvider _provider;

    public WorkerHarness(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Rag:Storage:DataDirectory"] = dataDirectory,
            ["Rag:Embedding:ModelsDirectory"] = TestModels.ModelsRoot,
            ["Rag:Ingestion:Sandbox:Enabled"] = "false",
            ["Rag:Ingestion:Worker:LeaseDuration"] = "00:00:30",
            ["Rag:Ingestion:Worker:HeartbeatInterval"] = "00:00:00.200",
            ["Rag:Ingestion:Worker:RetryBackoff"] = "00:00:00.050",
            ["Rag:Ingestion:Worker:PollInterval"] = "00:00:00.050",
            ["Rag:Ingestion:Worker:ShutdownGrace"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddRagCore(configuration)
            .AddRagOnnx(configuration)
            .AddRagStorage(configuration)
            .AddRagAudit(configuration)
            .AddRagIngest(configuration);
        var embedder = services.Last(d => d.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>));
        services.Remove(embedder);
        services.AddSingleton(sp => new CountingEmbedderWrapper((IEmbeddingGenerator<string, Embedding<float>>)embedder.ImplementationFactory!(sp)));
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<CountingEmbedderWrapper>());
        _provider = services.BuildServiceProvider();
    }

    public CountingEmbedderWrapper Embedder => _provider.GetRequiredService<CountingEmbedderWrapper>();

    public IIngestJobStore Store => _provider.GetRequiredService<IIngestJobStore>();

    public IDocumentIndex Index => _provider.GetRequiredService<IDocumentIndex>();

    /// <summary>A worker of its own (its own id) over the shared queue and index.</summary>
    public IngestWorker NewWorker() => ActivatorUtilities.CreateInstance<IngestWorker>(_provider);

    public Task<EnqueuedBatch> EnqueueAsync(string folder) =>
        _provider.GetRequiredService<IngestJobEnqueuer>().EnqueueAsync(new IngestionRequest([folder], Set, ["staff"], "test"));

    /// <summary>Runs <paramref name="worker"/> until no job is queued or running except those held by <paramref name="exceptHeldBy"/>.</summary>
    public async Task<IReadOnlyList<JobResult>> RunAsync(IngestWorker worker, string? exceptHeldBy = null, CancellationToken cancellationToken = default)
    {
        var results = new List<JobResult>();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        await worker.RunUntilAsync(
            async token => (await Store.ListAsync(new IngestJobQuery(States: [IngestJobState.Queued, IngestJobState.Parsing, IngestJobState.Embedding]), token))
                .All(j => exceptHeldBy is not null && j.WorkerId == exceptHeldBy),
            result =>
            {
                lock (results)
                {
                    results.Add(result);
                }
            },
            limit.Token);
        return results;
    }

    public async Task<IReadOnlyList<IngestJob>> JobsAsync() => await Store.ListAsync(new IngestJobQuery());

    public async Task<IReadOnlyList<AuditRecord>> AuditAsync(string action)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in _provider.GetRequiredService<IAuditLog>().ReadAsync())
        {
            if (record.Event.Action == action)
            {
                records.Add(record);
            }
        }

        return records;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    /// <summary>Writes <paramref name="count"/> Markdown documents, each naming its marker <c>doc-N</c>.</summary>
    public static string WriteDocuments(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++)
        {
            File.WriteAllText(
                Path.Combine(folder, $"d{i:00}.md"),
                $"# Document doc-{i}\n\nThe worker indexes doc-{i} from the queue. It is about topic number {i} and nothing else.\n\n## More\n\nA second section of doc-{i}, so that it has more than one chunk to embed.\n");
        }

        return folder;
    }
}

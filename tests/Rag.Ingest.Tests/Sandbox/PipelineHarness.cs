using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rag.Audit;
using Rag.Core;
using Rag.Core.Audit;
using Rag.Ingest.Pipeline;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Storage;
using Rag.Testing;

namespace Rag.Ingest.Tests.Sandbox;

/// <summary>The real ingestion pipeline (temp SQLite index and audit log, the real embedder) with the test host as its parser child.</summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public PipelineHarness(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Rag:Storage:DataDirectory"] = dataDirectory,
            ["Rag:Embedding:ModelsDirectory"] = TestModels.ModelsRoot,
            ["Rag:Ingestion:Sandbox:HostPath"] = ParseChildTestHost.DllPath,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        _provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddRagCore(configuration)
            .AddRagOnnx(configuration)
            .AddRagStorage(configuration)
            .AddRagAudit(configuration)
            .AddRagIngest(configuration)
            .BuildServiceProvider();
    }

    public async Task<IReadOnlyList<IngestionResult>> IngestAsync(string folder, string set, CancellationToken cancellationToken = default)
    {
        var results = new List<IngestionResult>();
        var pipeline = _provider.GetRequiredService<IngestionPipeline>();
        await foreach (var result in pipeline.IngestAsync(new IngestionRequest([folder], set, ["staff"], "test"), cancellationToken: cancellationToken))
        {
            results.Add(result);
        }

        return results;
    }

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
}

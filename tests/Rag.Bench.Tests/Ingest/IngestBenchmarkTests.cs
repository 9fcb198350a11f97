using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Rag.Bench.Ingest;
using Rag.Core;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Core.Documents;
using Rag.Ingest;
using Rag.Ingest.Pipeline;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Storage;
using Rag.Testing;
using Rag.Audit;

namespace Rag.Bench.Tests.Ingest;

public sealed class IngestBenchmarkTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task RunAsync_TinyCorpus_MeasuresEveryStageAgainstTheSlowest()
    {
        var corpus = WriteCorpus(("a.md", Sections(6)), ("b.md", Sections(4)), ("c.txt", "Plain text works too.\n\nA second paragraph."));
        var phases = new List<string>();

        var result = await Benchmark(corpus).RunAsync(new SyncProgress(phases));

        Assert.Equal([IngestStages.Parse, IngestStages.Chunk, IngestStages.Embed, IngestStages.Write], result.Stages.Select(s => s.Stage));
        Assert.All(result.Stages, s => Assert.True(s.Seconds > 0, s.Stage));
        Assert.Equal(3, result.Parameters.IndexedFiles);
        Assert.True(result.Parameters.Chunks >= 10, $"{result.Parameters.Chunks} chunks");
        Assert.Equal(result.Parameters.Chunks, result.EndToEnd.Chunks);
        Assert.Equal(result.Stages.MaxBy(s => s.Seconds)!.Stage, result.Ceiling.Stage);
        Assert.Equal(result.EndToEnd.ChunksPerSecond / result.Ceiling.ChunksPerSecond, result.Ratio, 6);
        Assert.True(result.PeakWorkingSetBytes > 0);
        Assert.Equal(5, phases.Count);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Combine("work")));
    }

    [Fact]
    public async Task RunAsync_Limit_UsesThatManyFiles()
    {
        var corpus = WriteCorpus(("b.md", Sections(2)), ("a.md", Sections(2)), ("c.md", Sections(2)), ("skip.jpg", "not an image"));

        var result = await Benchmark(corpus, limit: 2).RunAsync();

        Assert.Equal(3, result.Parameters.FilesInCorpus);
        Assert.Equal(2, result.Parameters.Files);
        Assert.Equal(2, result.EndToEnd.Files);
    }

    [Fact]
    public async Task RunAsync_NoSupportedFile_SaysSo()
    {
        var corpus = WriteCorpus(("photo.jpg", "x"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Benchmark(corpus).RunAsync());

        Assert.Contains("no file of a supported type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsolatedStages_AllStages_StoreTheVectorsAndRecordsThePipelineStores()
    {
        var corpus = WriteCorpus(("a.md", "# Harbour archive\n\n" + Sections(3)));
        var scope = new AccessScope("bench", ["g"]);
        await using var pipeline = new IngestServices(BuildServices(_temp.Combine("pipeline")));
        await foreach (var ingested in pipeline.Pipeline.IngestAsync(new IngestionRequest([corpus], "s", ["g"], "bench")))
        {
            Assert.Equal(IngestionStatus.Indexed, ingested.Status);
        }

        await using var isolated = new IngestServices(BuildServices(_temp.Combine("isolated")));
        await isolated.Index.EnsureModelAsync(isolated.Model);
        await isolated.Index.UpsertDocumentSetAsync(new DocumentSet("s", ["g"]));
        var stages = new IsolatedStages(isolated, "s", "bench");
        var (parsed, failed) = await stages.ParseAsync([Path.Combine(corpus, "a.md")], CancellationToken.None);
        var chunked = stages.Chunk(parsed, CancellationToken.None);
        await stages.WriteAsync(chunked, await stages.EmbedAsync(chunked, CancellationToken.None), CancellationToken.None);

        Assert.Equal(0, failed);
        var query = (await pipeline.Embedder.GenerateAsync(["letters and ledgers of the harbour office"]))[0].Vector;
        var expected = await pipeline.Index.SearchDenseAsync(query, scope, 20);
        var actual = await isolated.Index.SearchDenseAsync(query, scope, 20);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Chunk.Id, actual[i].Chunk.Id);
            Assert.Equal(expected[i].Score, actual[i].Score, 5);
        }

        var (want, got) = (await IndexedRecordAsync(pipeline), await IndexedRecordAsync(isolated));
        Assert.Equal((want.Detail, want.ModelId, want.ModelVersion, want.Actor, want.Targets.Count), (got.Detail, got.ModelId, got.ModelVersion, got.Actor, got.Targets.Count));
        Assert.Equal(want.Targets, got.Targets);
    }

    [Fact]
    public void StageMeasurement_Rates_AreWorkOverSeconds()
    {
        var m = new StageMeasurement(IngestStages.Embed, 2, 3, 5, 40, 100, 1);

        Assert.Equal(20, m.PagesPerSecond);
        Assert.Equal(50, m.ChunksPerSecond);
        Assert.Equal(1.5, m.CoresBusy);
    }

    public void Dispose() => _temp.Dispose();

    private IngestBenchmark Benchmark(string corpus, int? limit = null) => new(new IngestBenchmarkOptions
    {
        Corpus = corpus,
        FileLimit = limit,
        WorkDirectory = _temp.Combine("work"),
        ServicesFor = BuildServices,
    });

    private static async Task<AuditEvent> IndexedRecordAsync(IngestServices services)
    {
        var records = new List<AuditEvent>();
        await foreach (var record in services.Audit.ReadAsync())
        {
            if (record.Event.Action == AuditActions.DocumentIndexed)
            {
                records.Add(record.Event);
            }
        }

        return Assert.Single(records);
    }

    private static ServiceProvider BuildServices(string dataDirectory)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rag:Storage:DataDirectory"] = dataDirectory,
            ["Rag:Embedding:ModelsDirectory"] = TestModels.ModelsRoot,
            ["Rag:Embedding:ExecutionProvider"] = "Cpu",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddRagCore(configuration).AddRagOnnx(configuration).AddRagStorage(configuration).AddRagAudit(configuration).AddRagIngest(configuration);
        return services.BuildServiceProvider();
    }

    private string WriteCorpus(params (string Name, string Text)[] files)
    {
        var folder = _temp.Combine("corpus");
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), text);
        }

        return folder;
    }

    private static string Sections(int count) => string.Join(
        "\n\n",
        Enumerable.Range(1, count).Select(i => $"# Section {i}\n\nThe archive of section {i} holds letters, maps and ledgers from the harbour office.\n\nVisitors may consult item {i} in the reading room on weekdays."));

    private sealed class SyncProgress(List<string> phases) : IProgress<string>
    {
        public void Report(string value) => phases.Add(value);
    }
}

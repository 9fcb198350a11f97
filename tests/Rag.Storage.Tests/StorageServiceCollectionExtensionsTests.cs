using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Rag.Core.Documents;
using Rag.Core.Ingestion;
using Rag.Storage.Queue;
using Rag.Core.Storage;
using Rag.Testing.Contracts;
using Rag.Testing;

namespace Rag.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task AddRagStorage_Configured_ResolvesSingletonsInTheDataDirectory()
    {
        await using var provider = Build(_temp.Combine("data"));

        var index = provider.GetRequiredService<IDocumentIndex>();

        var sqlite = Assert.IsType<SqliteDocumentIndex>(index);
        Assert.Same(sqlite, provider.GetRequiredService<SqliteDocumentIndex>());
        Assert.Same(index, provider.GetRequiredService<IDocumentIndex>());
        Assert.Equal(_temp.Combine("data", SqliteDocumentIndex.FileName), sqlite.DatabasePath);
    }

    [Fact]
    public async Task AddRagStorage_ProviderDisposed_DisposesTheIndex()
    {
        IDocumentIndex index;
        await using (var provider = Build(_temp.Path))
        {
            index = provider.GetRequiredService<IDocumentIndex>();
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => index.GetStatisticsAsync());
    }

    [Fact]
    public void AddRagStorage_ProviderDisposedSynchronously_DoesNotThrow()
    {
        var provider = Build(_temp.Path);
        provider.GetRequiredService<IDocumentIndex>();

        provider.Dispose();
    }

    [Fact]
    public void AddRagStorage_DataDirectoryMissing_FailsValidationNamingTheKey()
    {
        using var provider = Build(null);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("Rag:Storage:DataDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRagStorage_KeywordAnalyzer_DefaultsToSimpleAndBindsEnglish()
    {
        await using var defaults = Build(_temp.Combine("a"));
        await using var english = Build(_temp.Combine("b"), analyzer: "english");

        Assert.Equal(KeywordAnalyzer.Simple, defaults.GetRequiredService<IOptions<StorageOptions>>().Value.KeywordAnalyzer);
        Assert.Equal(KeywordAnalyzer.Simple, defaults.GetRequiredService<SqliteDocumentIndex>().Keywords.Analyzer);
        Assert.Equal(KeywordAnalyzer.English, english.GetRequiredService<SqliteDocumentIndex>().Keywords.Analyzer);
    }

    [Theory]
    [InlineData("klingon")]
    [InlineData("7")]
    public void AddRagStorage_KeywordAnalyzerUnknown_FailsNamingTheKey(string analyzer)
    {
        using var provider = Build(_temp.Path, analyzer: analyzer);

        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("Rag:Storage:KeywordAnalyzer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KeywordTitleWeight", "-0.5")]
    [InlineData("KeywordHeadingsWeight", "11")]
    public void AddRagStorage_KeywordColumnWeightOutOfRange_FailsNamingTheKey(string key, string value)
    {
        using var provider = Build(_temp.Path, extra: new() { ["Rag:Storage:" + key] = value });

        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("Rag:Storage:" + key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRagStorage_KeywordColumnWeights_DefaultToTextOneHeadingsThreeQuartersTitleHalf()
    {
        using var provider = Build(_temp.Path);

        var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal(0.75, options.KeywordHeadingsWeight);
        Assert.Equal(0.5, options.KeywordTitleWeight);
    }

    [Fact]
    public async Task AddRagStorage_PortsResolved_AreTheSqliteStoresOwn()
    {
        await using var provider = Build(_temp.Combine("data"));

        var sqlite = provider.GetRequiredService<SqliteDocumentIndex>();

        Assert.Same(sqlite.Catalog, provider.GetRequiredService<IDocumentCatalog>());
        Assert.Same(sqlite.Vectors, provider.GetRequiredService<IVectorIndex>());
        Assert.Same(sqlite.Keywords, provider.GetRequiredService<IKeywordIndex>());
    }

    [Fact]
    public async Task AddRagStorage_VectorIndexReplaced_IndexWritesAndSearchesTheReplacement()
    {
        await using var elsewhere = await SqliteDocumentIndex.OpenAsync(new StorageOptions { DataDirectory = _temp.Combine("elsewhere") });
        await using var provider = Build(_temp.Combine("data"), services => services.Replace(ServiceDescriptor.Singleton<IVectorIndex>(elsewhere.Vectors)));
        var index = provider.GetRequiredService<IDocumentIndex>();
        var sqlite = provider.GetRequiredService<SqliteDocumentIndex>();

        await index.EnsureModelAsync(IndexTestData.Model);
        await index.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-a"]));
        var chunks = await IndexTestData.AddAsync(index, IndexTestData.Document("set-a", "a.txt"), ("Where the vectors go.", IndexTestData.Axis(0)));

        Assert.IsType<CompositeDocumentIndex>(index);
        Assert.Equal(1, elsewhere.Vectors.Count);
        Assert.Equal(0, sqlite.Vectors.Count);
        Assert.Equal(chunks[0].Chunk.Id, Assert.Single(await index.SearchDenseAsync(IndexTestData.Axis(0), IndexTestData.User("group-a"), 10)).Chunk.Id);
    }

    [Fact]
    public void StorageOptions_Defaults_AreEmptyAndInvalid()
    {
        var options = new StorageOptions();

        Assert.Equal("Rag:Storage", StorageOptions.SectionName);
        Assert.Equal(string.Empty, options.DataDirectory);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.ChangePollInterval);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:05:00")]
    public void AddRagStorage_ChangePollIntervalOutOfRange_FailsValidationNamingTheKey(string interval)
    {
        using var provider = Build(_temp.Path, extra: new() { ["Rag:Storage:ChangePollInterval"] = interval });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("Rag:Storage:ChangePollInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRagStorage_JobStoreResolved_IsTheSqliteQueueInRagDb()
    {
        await using var provider = Build(_temp.Combine("data"));

        var store = Assert.IsType<SqliteIngestJobStore>(provider.GetRequiredService<IIngestJobStore>());

        Assert.Equal(_temp.Combine("data", SqliteDocumentIndex.FileName), store.DatabasePath);
        Assert.Same(store, provider.GetRequiredService<IIngestJobStore>());
        Assert.Empty(await store.ListAsync(new IngestJobQuery()));
    }

    [Theory]
    [InlineData("MaxAttempts", "0", "Rag:Ingestion:Worker:MaxAttempts")]
    [InlineData("LeaseDuration", "00:00:00", "Rag:Ingestion:Worker:LeaseDuration")]
    [InlineData("HeartbeatInterval", "00:01:00", "Rag:Ingestion:Worker:HeartbeatInterval")]
    public void AddRagStorage_WorkerOptionOutOfRange_FailsValidationNamingTheKey(string key, string value, string named)
    {
        using var provider = Build(_temp.Path, extra: new() { ["Rag:Ingestion:Worker:" + key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<IngestWorkerOptions>>().Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IngestWorkerOptions_Defaults_ArePinned()
    {
        var options = new IngestWorkerOptions();

        Assert.Equal("Rag:Ingestion:Worker", IngestWorkerOptions.SectionName);
        Assert.Equal(
            (TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(5), 3, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)),
            (options.LeaseDuration, options.HeartbeatInterval, options.MaxAttempts, options.RetryBackoff, options.ShutdownGrace, options.PollInterval));
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40)), (options.BackoffAfter(1), options.BackoffAfter(2), options.BackoffAfter(3)));
    }

    public void Dispose() => _temp.Dispose();

    private static ServiceProvider Build(string? dataDirectory, Action<IServiceCollection>? replace = null, Dictionary<string, string?>? extra = null, string? analyzer = null)
    {
        var settings = new Dictionary<string, string?>(extra ?? []) { ["Rag:Storage:DataDirectory"] = dataDirectory };
        if (analyzer is not null)
        {
            settings["Rag:Storage:KeywordAnalyzer"] = analyzer;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddRagStorage(configuration);
        replace?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}

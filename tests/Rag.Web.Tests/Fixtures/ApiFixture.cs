using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rag.Core;
using Rag.Core.Access;
using Rag.Ingest;
using Rag.Ingest.Pipeline;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Storage;
using Rag.Testing;
using Rag.Audit;

namespace Rag.Web.Tests.Fixtures;

/// <summary>
/// One deployment shared by a test class: a fresh data directory with set <c>alpha</c> (readable by group
/// <c>team-a</c>) and set <c>beta</c> (group <c>team-b</c>), and the app running with one key per test concern.
/// Keys are per concern so no test reads records another test left.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime, IDisposable
{
    public const string AlphaMarker = "PELICAN-4471";
    public const string AlphaQuestion = "What is the vault combination for project Alpha?";
    public const string BetaMarker = "HERON-9032";

    private readonly TempDirectory _temp = new();
    private RunningApp? _app;

    /// <summary>Group team-a: reads set alpha.</summary>
    public string ReaderKey { get; } = ApiKeys.Create("reader");

    /// <summary>Group team-b: reads set beta only, never alpha.</summary>
    public string OutsiderKey { get; } = ApiKeys.Create("outsider");

    /// <summary>Group team-a, used only by the audit trail test.</summary>
    public string AuditedKey { get; } = ApiKeys.Create("audited");

    internal RunningApp App => _app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var data = _temp.Combine("data");
        var alpha = Directory.CreateDirectory(_temp.Combine("docs", "alpha")).FullName;
        var beta = Directory.CreateDirectory(_temp.Combine("docs", "beta")).FullName;
        await File.WriteAllTextAsync(Path.Combine(alpha, "alpha.md"), $"# Project Alpha\n\nThe vault combination for project Alpha is {AlphaMarker}.\n\nAlpha meetings happen on Mondays in the blue room.\n");
        await File.WriteAllTextAsync(Path.Combine(beta, "beta.md"), $"# Project Beta\n\nThe Beta prototypes are delivered by the courier service {BetaMarker}.\n\nBeta reviews happen on Thursdays.\n");
        await IngestAsync(data, alpha, "alpha", "team-a");
        await IngestAsync(data, beta, "beta", "team-b");
        _app = await RunningApp.StartAsync(data, Keys(("reader", ReaderKey, "team-a"), ("outsider", OutsiderKey, "team-b"), ("audited", AuditedKey, "team-a")));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>Configuration for keys (id, key, group), as <c>rag api-key create</c> prints it.</summary>
    internal static Dictionary<string, string?> Keys(params (string Id, string Key, string Group)[] keys)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"Rag:Api:Keys:{i}:Id"] = keys[i].Id;
            settings[$"Rag:Api:Keys:{i}:Groups:0"] = keys[i].Group;
            settings[$"Rag:Api:Keys:{i}:KeySha256"] = ApiKeys.Sha256Hex(keys[i].Key);
        }

        return settings;
    }

    /// <summary>Ingests <paramref name="folder"/> as the command line's <c>ingest</c> does, then releases the data directory.</summary>
    internal static async Task IngestAsync(string dataDirectory, string folder, string set, params string[] groups)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rag:Storage:DataDirectory"] = dataDirectory,
            ["Rag:Embedding:ModelsDirectory"] = TestModels.ModelsRoot,
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddRagCore(configuration)
            .AddRagOnnx(configuration)
            .AddRagStorage(configuration)
            .AddRagAudit(configuration)
            .AddRagIngest(configuration);
        await using var provider = services.BuildServiceProvider();
        var pipeline = provider.GetRequiredService<IngestionPipeline>();
        await foreach (var result in pipeline.IngestAsync(new IngestionRequest([folder], set, groups, "test")))
        {
            Assert.Equal(IngestionStatus.Indexed, result.Status);
        }
    }
}

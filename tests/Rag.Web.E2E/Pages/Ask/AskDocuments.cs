using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rag.Audit;
using Rag.Core;
using Rag.Ingest;
using Rag.Ingest.Pipeline;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Storage;
using Rag.Testing;
using Rag.Web.E2E.Fixtures;

namespace Rag.Web.E2E.Pages.Ask;

/// <summary>
/// The documents the Ask tests read: a PDF in set <c>alpha</c> (group team-a: the employee) holding
/// <see cref="Marker"/>, and a note in set <c>beta</c> (group team-b: the compliance officer). Ingested once per app
/// into its data directory, as <c>rag ingest</c> does in another process while the app runs.
/// </summary>
internal static class AskDocuments
{
    public const string Marker = "PELICAN-4471";
    public const string Question = "What is the vault combination for project Alpha?";
    public const string Title = "Alpha Vault Procedures";

    private static readonly ConcurrentDictionary<string, Lazy<Task>> Ingested = new();

    public static Task EnsureIngestedAsync(WebAppFixture app) =>
        Ingested.GetOrAdd(app.DataDirectory, data => new Lazy<Task>(() => IngestAsync(data))).Value;

    private static async Task IngestAsync(string dataDirectory)
    {
        var docs = Path.Combine(Path.GetDirectoryName(dataDirectory)!, "docs");
        var alpha = Directory.CreateDirectory(Path.Combine(docs, "alpha")).FullName;
        var beta = Directory.CreateDirectory(Path.Combine(docs, "beta")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(alpha, "alpha-vault.pdf"), TypesetPdf.Build(
            Title,
            "Project Alpha vault procedures.",
            $"The vault combination for project Alpha is {Marker}.",
            "Alpha meetings happen on Mondays in the blue room."));
        await File.WriteAllTextAsync(Path.Combine(beta, "beta.md"), "# Project Beta\n\nThe Beta prototypes are delivered by the courier service HERON-9032.\n\nBeta reviews happen on Thursdays.\n");
        await IngestAsync(dataDirectory, alpha, "alpha", "team-a");
        await IngestAsync(dataDirectory, beta, "beta", "team-b");
    }

    private static async Task IngestAsync(string dataDirectory, string folder, string set, string group)
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
        await foreach (var result in provider.GetRequiredService<IngestionPipeline>().IngestAsync(new IngestionRequest([folder], set, [group], "e2e")))
        {
            Assert.Equal(IngestionStatus.Indexed, result.Status);
        }
    }
}

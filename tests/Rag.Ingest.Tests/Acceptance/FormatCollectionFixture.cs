using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rag.Audit;
using Rag.Core;
using Rag.Core.Access;
using Rag.Core.Answers;
using Rag.Ingest.Pipeline;
using Rag.Ingest.Tests.Readers.Email;
using Rag.Ingest.Tests.Readers.Office;
using Rag.Ingest.Tests.Readers.Ocr;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Storage;
using Rag.Testing;

namespace Rag.Ingest.Tests.Acceptance;

/// <summary>
/// One deployment of the real pieces: a DOCX, PPTX, XLSX, CSV, EML and a partly scanned PDF (all built in code) are
/// ingested by the real <see cref="IngestionPipeline"/> into a temporary SQLite index with the installed embedder;
/// questions go through the real <see cref="QuestionService"/> (extractive answers).
/// </summary>
public sealed class FormatCollectionFixture : IAsyncLifetime, IDisposable
{
    private const string Group = "staff";
    private readonly TempDirectory _temp = new();
    private ServiceProvider? _services;

    public IReadOnlyDictionary<string, IngestionResult> Results { get; private set; } = new Dictionary<string, IngestionResult>();

    public async Task InitializeAsync()
    {
        var folder = _temp.Combine("docs");
        Directory.CreateDirectory(folder);
        await WriteDocumentsAsync(folder);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rag:Storage:DataDirectory"] = _temp.Combine("data"),
            ["Rag:Embedding:ModelsDirectory"] = TestModels.ModelsRoot,

            // Small chunks, so the scanned page's last sentence lands in a chunk of its own page.
            ["Rag:Chunking:MaxTokens"] = "48",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddRagCore(configuration)
            .AddRagOnnx(configuration)
            .AddRagStorage(configuration)
            .AddRagAudit(configuration)
            .AddRagIngest(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var pipeline = _services.GetRequiredService<IngestionPipeline>();
        var results = new Dictionary<string, IngestionResult>(StringComparer.Ordinal);
        await foreach (var result in pipeline.IngestAsync(new IngestionRequest([folder], "formats", [Group], "format-tests")))
        {
            results[Path.GetFileName(result.Path)] = result;
        }

        Results = results;
    }

    public Task<Answer> AskAsync(string question) =>
        _services!.GetRequiredService<QuestionService>().AskAsync(question, new AccessScope("format-tests", [Group]));

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    /// <summary>Runs after <see cref="DisposeAsync"/> (xUnit calls both): the index is closed before its folder goes.</summary>
    public void Dispose() => _temp.Dispose();

    private static async Task WriteDocumentsAsync(string folder)
    {
        await File.WriteAllBytesAsync(Path.Combine(folder, "travel-policy.docx"), OfficeTestDocuments.Docx("Travel Policy",
        [
            new("Heading1", "Trains"),
            new(null, "Second class train tickets are booked through the travel desk at least a week ahead."),
            new("Heading1", "Hotels"),
            new(null, "Hotel rooms in Oslo are reimbursed up to 180 euros per night, breakfast included."),
        ]));
        await File.WriteAllBytesAsync(Path.Combine(folder, "all-hands.pptx"), OfficeTestDocuments.Pptx("All Hands March",
        [
            new("Welcome", ["Agenda for the quarterly all-hands meeting of the company."]),
            new("Office Move", ["The Bergen office moves to Strandkaien 12 in September."]),
            new("Questions", ["Send your questions to the communications team."]),
        ]));
        await File.WriteAllBytesAsync(Path.Combine(folder, "inventory.xlsx"), OfficeTestDocuments.Xlsx(
        [
            ("Laptops", [["Model", "Owner"], ["ThinkPad T14", "finance department"]]),
            ("Printers", [["Printer", "Location"], ["LaserJet 4200", "third floor copy room"]]),
        ]));
        await File.WriteAllTextAsync(Path.Combine(folder, "parking.csv"), "Zone,Rule\nVisitor parking,free for two hours with a ticket from reception\n");
        await File.WriteAllBytesAsync(Path.Combine(folder, "lift.eml"), EmlTestMessages.Build(
            "East lift closed",
            "The east lift is closed for maintenance on Tuesday 14 April.\n\nPlease use the west lift or the stairs.",
            null));
        await File.WriteAllBytesAsync(Path.Combine(folder, "security.pdf"), ScannedPdfs.TextThenScan(
            "This handbook explains visitor registration at the main entrance of the headquarters building.",
            "The security desk is staffed from seven in the morning.",
            "Visitors must wear their badge at all times.",
            "Lost badges are replaced at the security desk in room 114.",
            "Badges are collected again at the exit."));
    }
}

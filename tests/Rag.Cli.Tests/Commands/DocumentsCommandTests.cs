using Microsoft.Extensions.DependencyInjection;
using Rag.Cli.Tests.Fixtures;
using Rag.Core.Audit;
using Rag.Core.Documents;
using Rag.Core.Storage;

namespace Rag.Cli.Tests.Commands;

public sealed class DocumentsCommandTests
{
    private const string GoneText = "# Beekeeping\n\nThe rooftop beehives are inspected by the quartermaster every Thursday at dawn.";

    [Fact]
    public async Task DocumentsList_AfterIngest_ShowsStatePagesChunksFileAndPath()
    {
        using var cli = new CliHarness();
        var docs = await FolderAsync(cli);

        var list = await cli.RunAsync("documents", "list", "--set", "garden");

        Assert.Equal(0, list.ExitCode);
        var lines = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id\tset\tstate\tpages\tchunks\tfile\tpath\treason", lines[0]);
        Assert.Equal($"{DocumentIds(docs).Roses}\tgarden\tindexed\t0\t1\troses.txt\troses.txt\t", lines[1]);
        Assert.Equal($"{DocumentIds(docs).Bees}\tgarden\tindexed\t0\t1\tbees.md\tsub/bees.md\t", lines[2]);
        Assert.Contains("2 document(s).", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentsShow_ByPath_PrintsTitleChunksAndVersion()
    {
        using var cli = new CliHarness();
        await FolderAsync(cli);

        var show = await cli.RunAsync("documents", "show", "./sub/bees.md");

        Assert.Equal(0, show.ExitCode);
        Assert.Contains("Beekeeping", show.Output, StringComparison.Ordinal);
        Assert.Contains("sub/bees.md", show.Output, StringComparison.Ordinal);
        Assert.Matches(@"chunks\s+1", show.Output);
        Assert.Matches(@"state\s+indexed", show.Output);
    }

    [Fact]
    public async Task DocumentsShow_UnknownName_ClearError()
    {
        using var cli = new CliHarness();
        await FolderAsync(cli);

        var show = await cli.RunAsync("documents", "show", "nope.md");

        Assert.Equal(1, show.ExitCode);
        Assert.Contains("No document 'nope.md'", show.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentsRemove_ByPath_NoLongerFoundByKeywordOrDenseAsk()
    {
        using var cli = new CliHarness();
        await FolderAsync(cli);
        const string question = "Who inspects the rooftop beehives on Thursday?";
        // The relevance gate is open here: this test is about what each search can still find after a removal.
        var keyword = new Dictionary<string, string?> { ["Rag:Retrieval:Mode"] = "Keyword", ["Rag:Answer:Relevance:MinScore"] = "0", ["Rag:Answer:Relevance:MinSimilarity"] = "0" };
        var dense = new Dictionary<string, string?> { ["Rag:Retrieval:Mode"] = "Dense", ["Rag:Answer:Relevance:MinScore"] = "0", ["Rag:Answer:Relevance:MinSimilarity"] = "0" };
        Assert.Contains("bees.md", (await cli.RunWithConfigurationAsync(keyword, "ask", question, "--groups", "staff", "--json")).Output, StringComparison.Ordinal);
        Assert.Contains("bees.md", (await cli.RunWithConfigurationAsync(dense, "ask", question, "--groups", "staff", "--json")).Output, StringComparison.Ordinal);

        var remove = await cli.RunAsync("documents", "remove", "sub/bees.md");

        Assert.Equal(0, remove.ExitCode);
        Assert.Contains("1 document(s) removed.", remove.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("bees.md", (await cli.RunWithConfigurationAsync(keyword, "ask", question, "--groups", "staff", "--json")).Output, StringComparison.Ordinal);
        Assert.DoesNotContain("bees.md", (await cli.RunWithConfigurationAsync(dense, "ask", question, "--groups", "staff", "--json")).Output, StringComparison.Ordinal);
        await using var services = RagServices.BuildForCatalog(cli.Paths, cli.Configuration);
        var stats = await services.GetRequiredService<IDocumentIndex>().GetStatisticsAsync();
        Assert.Equal(1, stats.Documents);
        var removed = await RecordsAsync(services, AuditActions.DocumentRemoved);
        var record = Assert.Single(removed);
        Assert.Contains("sub/bees.md", record.Event.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentsRemove_OneNameUnknown_RemovesNothing()
    {
        using var cli = new CliHarness();
        await FolderAsync(cli);

        var remove = await cli.RunAsync("documents", "remove", "sub/bees.md", "typo.md");

        Assert.Equal(1, remove.ExitCode);
        Assert.Contains("No document 'typo.md'", remove.Error, StringComparison.Ordinal);
        await using var services = RagServices.BuildForCatalog(cli.Paths, cli.Configuration);
        Assert.Equal(2, (await services.GetRequiredService<IDocumentIndex>().GetStatisticsAsync()).Documents);
        Assert.Empty(await RecordsAsync(services, AuditActions.DocumentRemoved));
    }

    [Fact]
    public async Task RemoveDocumentsAsync_AuditWriteFails_RemovesNothing()
    {
        using var cli = new CliHarness();
        var docs = await FolderAsync(cli);
        await using var services = RagServices.BuildForCatalog(cli.Paths, cli.Configuration);
        var index = services.GetRequiredService<IDocumentIndex>();
        var inventory = services.GetRequiredService<IDocumentInventory>();
        var lifecycle = new DocumentLifecycle(index, inventory, new FailingAuditLogFake());
        var bees = (await index.GetDocumentAsync(DocumentIds(docs).Bees))!;

        await Assert.ThrowsAsync<AuditUnavailableException>(() => lifecycle.RemoveDocumentsAsync([bees], AuditActor.FromId("os:test"), "test"));
        await Assert.ThrowsAsync<AuditUnavailableException>(() => lifecycle.DeleteSetAsync("garden", AuditActor.FromId("os:test")));

        Assert.NotNull(await index.GetDocumentAsync(bees.DocumentId));
        Assert.NotNull(await index.GetDocumentSetAsync("garden"));
        Assert.Equal(2, (await index.GetStatisticsAsync()).Documents);
    }

    [Fact]
    public async Task IngestSync_FileDeleted_DocumentRemovedAndAudited()
    {
        using var cli = new CliHarness();
        var docs = await FolderAsync(cli);
        File.Delete(Path.Combine(docs, "sub", "bees.md"));

        var again = await cli.RunAsync("ingest", docs, "--set", "garden", "--sync");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("--sync: 1 document(s) removed", again.Output, StringComparison.Ordinal);
        await using var services = RagServices.BuildForCatalog(cli.Paths, cli.Configuration);
        var left = await services.GetRequiredService<IDocumentInventory>().ListDocumentsAsync("garden");
        Assert.Equal(["roses.txt"], left.Select(d => d.Document.SourcePath));
        var record = Assert.Single(await RecordsAsync(services, AuditActions.DocumentRemoved));
        Assert.Contains("ingest --sync", record.Event.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestWithoutSync_FileDeleted_DocumentKept()
    {
        using var cli = new CliHarness();
        var docs = await FolderAsync(cli);
        File.Delete(Path.Combine(docs, "sub", "bees.md"));

        var again = await cli.RunAsync("ingest", docs, "--set", "garden");

        Assert.Equal(0, again.ExitCode);
        await using var services = RagServices.BuildForCatalog(cli.Paths, cli.Configuration);
        Assert.Equal(2, (await services.GetRequiredService<IDocumentInventory>().ListDocumentsAsync("garden")).Count);
    }

    internal static async Task<string> FolderAsync(CliHarness cli)
    {
        var docs = cli.Folder("garden");
        Directory.CreateDirectory(Path.Combine(docs, "sub"));
        await File.WriteAllTextAsync(Path.Combine(docs, "roses.txt"), "Roses in the courtyard are pruned in March by the gardening team.");
        await File.WriteAllTextAsync(Path.Combine(docs, "sub", "bees.md"), GoneText);
        var ingest = await cli.RunAsync("ingest", docs, "--set", "garden", "--groups", "staff");
        Assert.Equal(0, ingest.ExitCode);
        return docs;
    }

    internal static async Task<IReadOnlyList<AuditRecord>> RecordsAsync(IServiceProvider services, string action)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in services.GetRequiredService<IAuditLog>().ReadAsync())
        {
            if (record.Event.Action == action)
            {
                records.Add(record);
            }
        }

        return records;
    }

    private static (string Bees, string Roses) DocumentIds(string docs)
    {
        _ = docs;
        return (Core.Ids.DocumentIds.For("garden", "sub/bees.md"), Core.Ids.DocumentIds.For("garden", "roses.txt"));
    }
}

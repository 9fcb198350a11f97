using Microsoft.Extensions.DependencyInjection;
using Rag.Cli.Tests.Fixtures;
using Rag.Core.Audit;
using Rag.Core.Storage;

namespace Rag.Cli.Tests.Commands;

public sealed class SetsCommandTests
{
    [Fact]
    public async Task SetsList_TwoSets_ShowsReadersAndCounts()
    {
        using var cli = new CliHarness();
        await DocumentsCommandTests.FolderAsync(cli);
        var other = cli.Folder("other");
        await File.WriteAllTextAsync(Path.Combine(other, "a.txt"), "Invoices are paid within thirty days.");
        Assert.Equal(0, (await cli.RunAsync("ingest", other, "--set", "finance", "--groups", "accounts,auditors")).ExitCode);

        var list = await cli.RunAsync("sets", "list");

        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"finance\s*│\s*accounts, auditors\s*│\s*1\s*│\s*1", list.Output);
        Assert.Matches(@"garden\s*│\s*staff\s*│\s*2\s*│\s*2", list.Output);
        Assert.Contains("2 set(s).", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetsDelete_ExistingSet_RemovesItsDocumentsAndAuditsFirst()
    {
        using var cli = new CliHarness();
        await DocumentsCommandTests.FolderAsync(cli);

        var delete = await cli.RunAsync("sets", "delete", "GARDEN");
        var ask = await cli.RunAsync("ask", "Who inspects the rooftop beehives?", "--groups", "staff", "--json");

        Assert.Equal(0, delete.ExitCode);
        Assert.Contains("deleted, 2 document(s) removed", delete.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("bees.md", ask.Output, StringComparison.Ordinal);
        await using var services = RagServices.BuildForCatalog(cli.Paths, cli.Configuration);
        var index = services.GetRequiredService<IDocumentIndex>();
        Assert.Null(await index.GetDocumentSetAsync("garden"));
        Assert.Equal(new IndexStatistics(0, 0, 0), await index.GetStatisticsAsync());
        Assert.Single(await DocumentsCommandTests.RecordsAsync(services, AuditActions.DocumentSetDeleted));
        Assert.Equal(2, (await DocumentsCommandTests.RecordsAsync(services, AuditActions.DocumentRemoved)).Count);
    }

    [Fact]
    public async Task SetsDelete_UnknownSet_ClearErrorAndNoRecord()
    {
        using var cli = new CliHarness();
        await DocumentsCommandTests.FolderAsync(cli);

        var delete = await cli.RunAsync("sets", "delete", "gardn");

        Assert.Equal(1, delete.ExitCode);
        Assert.Contains("Document set 'gardn' does not exist", delete.Error, StringComparison.Ordinal);
        await using var services = RagServices.BuildForCatalog(cli.Paths, cli.Configuration);
        Assert.Empty(await DocumentsCommandTests.RecordsAsync(services, AuditActions.DocumentSetDeleted));
    }
}

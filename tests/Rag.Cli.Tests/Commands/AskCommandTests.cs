using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rag.Cli.Tests.Fixtures;
using Rag.Core.Access;
using Rag.Core.Storage;
using Rag.Testing;

namespace Rag.Cli.Tests.Commands;

public sealed class AskCommandTests
{
    [Fact]
    public async Task Ask_QuestionAnsweredByPdfPage_CitesRightDocumentAndPage()
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("policies");
        TestPdf.Write(Path.Combine(docs, "travel-policy.pdf"), "Travel Policy",
            ("Booking travel", ["All business trips are booked through the internal travel desk.", "Economy class is the default for flights under six hours."]),
            ("Meals and allowances", ["Employees may claim a daily meal allowance of 35 euros when travelling abroad.", "Receipts are not required for the meal allowance."]),
            ("Approvals", ["Trips longer than two weeks need approval from a department head."]));
        TestPdf.Write(Path.Combine(docs, "password-rules.pdf"), "Password Rules",
            ("Passwords", ["Passwords must be at least fourteen characters long.", "Never reuse a password across systems."]),
            ("Multi-factor", ["Every remote login requires a hardware security key."]));

        var ingest = await cli.RunAsync("ingest", docs, "--set", "policies", "--groups", "staff");
        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains("2 indexed", ingest.Output, StringComparison.Ordinal);

        var ask = await cli.RunAsync("ask", "How much is the daily meal allowance when travelling abroad?", "--groups", "staff", "--json");

        Assert.Equal(0, ask.ExitCode);
        using var json = JsonDocument.Parse(ask.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("foundRelevant").GetBoolean());
        Assert.Contains("35 euros", root.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Contains("[1]", root.GetProperty("answer").GetString(), StringComparison.Ordinal);
        var first = root.GetProperty("citations")[0];
        Assert.Equal(1, first.GetProperty("n").GetInt32());
        Assert.Equal("Travel Policy", first.GetProperty("title").GetString());
        Assert.Equal(2, first.GetProperty("page").GetInt32());
        Assert.Contains("meal allowance", first.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.True(Guid.TryParse(first.GetProperty("chunkId").GetString(), out _));
    }

    [Fact]
    public async Task Ask_MarkdownInSubfolder_CitationHasFileNameAndRelativePathAndNoPage()
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("garden");
        Directory.CreateDirectory(Path.Combine(docs, "plants"));
        await File.WriteAllTextAsync(Path.Combine(docs, "plants", "roses.md"), "# Roses\n\nPrune roses in late winter, just above an outward-facing bud.\n");
        Assert.Equal(0, (await cli.RunAsync("ingest", docs, "--set", "garden", "--groups", "gardeners")).ExitCode);

        var ask = await cli.RunAsync("ask", "When should roses be pruned?", "--groups", "gardeners", "--json");
        var plain = await cli.RunAsync("ask", "When should roses be pruned?", "--groups", "gardeners");

        using var json = JsonDocument.Parse(ask.Output);
        var first = json.RootElement.GetProperty("citations")[0];
        Assert.Equal("roses.md", first.GetProperty("fileName").GetString());
        Assert.Equal("plants/roses.md", first.GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("page").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("lastPage").ValueKind);
        Assert.Contains("[1] Roses (plants/roses.md)", plain.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("page", plain.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ask_PdfWithLigatures_KeywordSearchAndCitationUseCleanedText()
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("manuals");
        await File.WriteAllBytesAsync(
            Path.Combine(docs, "expex-doc.pdf"),
            TypesetPdf.Build("C:/USERS/JOHN/LING/TEX/EXPEX/MAN/0.dvi", "The gloss macro takes deﬁnitions of ﬁelds from the preamble.", "Each ﬁeld deﬁnition is bro-", "ken into lines by the typesetter."));
        Assert.Equal(0, (await cli.RunAsync("ingest", docs, "--set", "manuals", "--groups", "staff")).ExitCode);

        var ask = await cli.RunAsync("ask", "Where does the gloss macro take definitions of fields from?", "--groups", "staff", "--json");
        await using var services = RagServices.Build(cli.Paths, cli.Configuration);
        var hits = await services.GetRequiredService<IDocumentIndex>().SearchKeywordAsync("definitions", new AccessScope("reader", ["staff"]), 5);

        var hit = Assert.Single(hits);
        Assert.Contains("definitions of fields", hit.Chunk.Text, StringComparison.Ordinal);
        Assert.Contains("is broken into lines", hit.Chunk.Text, StringComparison.Ordinal);
        Assert.Equal("expex-doc", hit.DocumentTitle);
        Assert.Equal("expex-doc.pdf", hit.Chunk.SourcePath);
        using var json = JsonDocument.Parse(ask.Output);
        var first = json.RootElement.GetProperty("citations")[0];
        Assert.Equal("expex-doc", first.GetProperty("title").GetString());
        Assert.Equal("expex-doc.pdf", first.GetProperty("fileName").GetString());
        Assert.Equal(1, first.GetProperty("page").GetInt32());
        Assert.Contains("definitions of fields", first.GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_UnrelatedQuestion_SaysNothingFoundInsteadOfGuessing()
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("garden");
        await File.WriteAllTextAsync(Path.Combine(docs, "roses.md"), "# Roses\n\nPrune roses in late winter, just above an outward-facing bud.\n\nWater them deeply once a week in dry summers.\n");
        Assert.Equal(0, (await cli.RunAsync("ingest", docs, "--set", "garden", "--groups", "gardeners")).ExitCode);

        var ask = await cli.RunAsync("ask", "What is the exchange rate of the Japanese yen in the quarterly treasury report?", "--groups", "gardeners", "--json");

        using var json = JsonDocument.Parse(ask.Output);
        Assert.False(json.RootElement.GetProperty("foundRelevant").GetBoolean());
        Assert.Equal(0, json.RootElement.GetProperty("citations").GetArrayLength());
        Assert.DoesNotContain("roses", json.RootElement.GetProperty("answer").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ask_PlainOutput_PrintsAnswerAndNumberedSources()
    {
        using var cli = new CliHarness();
        var docs = cli.Folder("it");
        await File.WriteAllTextAsync(Path.Combine(docs, "vpn.md"), "# VPN\n\n## Connecting\n\nStart the WireGuard client and choose the Berlin gateway to reach the intranet.\n");
        Assert.Equal(0, (await cli.RunAsync("ingest", docs, "--set", "it", "--groups", "staff")).ExitCode);

        var ask = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff");

        Assert.Equal(0, ask.ExitCode);
        Assert.Contains("WireGuard", ask.Output, StringComparison.Ordinal);
        Assert.Contains("Sources", ask.Output, StringComparison.Ordinal);
        Assert.Contains("[1] VPN", ask.Output, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using Rag.Cli.Tests.Fixtures;

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

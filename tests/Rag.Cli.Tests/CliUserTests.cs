using System.Text.Json;
using Rag.Cli.Tests.Fixtures;
using Rag.Core.Audit;

namespace Rag.Cli.Tests;

/// <summary>
/// Who the audit trail says ran a command: always the operating-system account, with <c>--user</c> only recorded as whom
/// it was done on behalf of (the harness runs the command line as another account, as a second shell user would).
/// </summary>
public sealed class CliUserTests
{
    [Fact]
    public async Task Ask_UserOptionNamesSomeoneElse_ActorIsTheOsAccountAndOnBehalfOfIsRecordedBeside()
    {
        using var cli = new CliHarness(account: "alice");
        await IngestAsync(cli);

        var ask = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff", "--user", "ceo@corp");

        Assert.Equal(0, ask.ExitCode);
        var records = await QueryAsync(cli);
        Assert.DoesNotContain(records, r => r.GetProperty("actor").GetProperty("id").GetString() == "ceo@corp");
        var question = Assert.Single(records, r => r.GetProperty("action").GetString() == AuditActions.QuestionAsked);
        var actor = question.GetProperty("actor");
        Assert.Equal("os:alice", actor.GetProperty("id").GetString());
        Assert.Equal("alice on behalf of ceo@corp", actor.GetProperty("name").GetString());
        using var detail = JsonDocument.Parse(question.GetProperty("detail").GetString()!);
        Assert.Equal("ceo@corp", detail.RootElement.GetProperty("onBehalfOf").GetString());
        var answer = Assert.Single(records, r => r.GetProperty("action").GetString() == AuditActions.AnswerGiven);
        Assert.Equal("os:alice", answer.GetProperty("actor").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Ask_NoUserOption_ActorIsTheOsAccountAndNoOnBehalfOf()
    {
        using var cli = new CliHarness(account: "bob");
        await IngestAsync(cli);

        Assert.Equal(0, (await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff")).ExitCode);

        var question = Assert.Single(await QueryAsync(cli), r => r.GetProperty("action").GetString() == AuditActions.QuestionAsked);
        Assert.Equal("os:bob", question.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal("bob", question.GetProperty("actor").GetProperty("name").GetString());
        using var detail = JsonDocument.Parse(question.GetProperty("detail").GetString()!);
        Assert.False(detail.RootElement.TryGetProperty("onBehalfOf", out _));
    }

    [Fact]
    public async Task Ingest_AnyAccount_DocumentRecordedWithTheOsAccountAsActor()
    {
        using var cli = new CliHarness(account: "carol");

        await IngestAsync(cli);

        var indexed = Assert.Single(await QueryAsync(cli), r => r.GetProperty("action").GetString() == AuditActions.DocumentIndexed);
        Assert.Equal("os:carol", indexed.GetProperty("actor").GetProperty("id").GetString());
    }

    [Fact]
    public async Task AuditQuery_UserOptionNamesSomeoneElse_TheQueryIsRecordedAsTheOsAccount()
    {
        using var cli = new CliHarness(account: "dave");
        await IngestAsync(cli);

        Assert.Equal(0, (await cli.RunAsync("audit", "query", "--user", "auditor@corp")).ExitCode);

        var query = (await QueryAsync(cli)).Last(r => r.GetProperty("action").GetString() == AuditActions.AuditRead); // newest first: the helper's own query comes before it
        Assert.Equal("os:dave", query.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal("dave on behalf of auditor@corp", query.GetProperty("actor").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Ask_BlankUserOption_UsageErrorNamingTheOption()
    {
        using var cli = new CliHarness(account: "erin");

        var ask = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff", "--user", " ");

        Assert.NotEqual(0, ask.ExitCode);
        Assert.Contains("--user", ask.Error, StringComparison.Ordinal);
    }

    private static async Task IngestAsync(CliHarness cli)
    {
        var docs = cli.Folder("it");
        await File.WriteAllTextAsync(Path.Combine(docs, "vpn.md"), "# VPN\n\nThe VPN client is installed on every laptop. Start it and choose the Berlin gateway.\n");
        Assert.Equal(0, (await cli.RunAsync("ingest", docs, "--set", "it", "--groups", "staff")).ExitCode);
    }

    private static async Task<List<JsonElement>> QueryAsync(CliHarness cli)
    {
        var run = await cli.RunAsync("audit", "query", "--json", "--page-size", "1000");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.GetProperty("records").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}

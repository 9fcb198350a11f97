using System.Text.Json;
using Rag.Cli.Tests.Fixtures;
using Rag.Testing;

namespace Rag.Cli.Tests.Commands;

/// <summary>
/// Conversations without a model, with the real embedder over the sample documents (samples/): a follow-up keeps the
/// topic, a change of topic is answered exactly as if asked fresh (the README demo).
/// </summary>
public sealed class FollowUpTests
{
    [Fact]
    public async Task Ask_TopicChangeAfterTheVpnQuestion_AnsweredAsIfAskedFresh()
    {
        using var cli = await SamplesAsync();
        await AskAsync(cli, "How do I connect to the VPN?", "demo");

        var inConversation = await AskAsync(cli, "What is the Q3 travel budget cap?", "demo");
        var fresh = await AskAsync(cli, "What is the Q3 travel budget cap?", null);

        Assert.False(inConversation.GetProperty("foundRelevant").GetBoolean());
        Assert.DoesNotContain("Northwind Connect", inConversation.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Equal(fresh.GetProperty("answer").GetString(), inConversation.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task Ask_FollowUpsWithPronouns_KeepTheTopicOverTwoTurns()
    {
        using var cli = await SamplesAsync();
        await AskAsync(cli, "Which disk encryption do company laptops use?", "laptops");

        var second = await AskAsync(cli, "Who enables it?", "laptops");
        var third = await AskAsync(cli, "Can it be switched off?", "laptops");

        Assert.Contains("enabled by IT", second.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Contains("never be switched off", third.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Equal("Northwind Labs Security Policy", third.GetProperty("citations")[0].GetProperty("title").GetString());
    }

    private static async Task<CliHarness> SamplesAsync()
    {
        var cli = new CliHarness();
        Assert.Equal(0, (await cli.RunAsync("ingest", Path.Combine(RepoPaths.Root, "samples", "handbook"), "--set", "handbook", "--groups", "employees")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("ingest", Path.Combine(RepoPaths.Root, "samples", "finance"), "--set", "finance", "--groups", "finance")).ExitCode);
        return cli;
    }

    private static async Task<JsonElement> AskAsync(CliHarness cli, string question, string? conversation)
    {
        string[] args = conversation is null
            ? ["ask", question, "--groups", "employees", "--json"]
            : ["ask", question, "--groups", "employees", "--conversation", conversation, "--json"];
        var run = await cli.RunAsync(args);
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.Clone();
    }
}

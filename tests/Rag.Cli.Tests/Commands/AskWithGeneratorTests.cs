using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Rag.Cli.Output;
using Rag.Cli.Tests.Fixtures;
using Rag.Core.Access;
using Rag.Core.Answers;
using Rag.Testing;

namespace Rag.Cli.Tests.Commands;

/// <summary><c>rag ask</c> with a configured generator: an OpenAI-compatible server (a fake one: no model server runs here) over real HTTP.</summary>
public sealed class AskWithGeneratorTests : IAsyncLifetime
{
    private const string VpnGuide = "# VPN\n\n## Connecting\n\nStart the WireGuard client and choose the Berlin gateway to reach the intranet.\n";
    private OpenAiCompatibleServerFake _server = null!;

    public async Task InitializeAsync() => _server = await OpenAiCompatibleServerFake.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Ask_GeneratorConfigured_PrintsTheModelsAnswerWithCheckedCitationsAndSources()
    {
        _server.Pieces = ["Use the WireGuard client ", "and the Berlin gateway [1]", ", as the handbook says [7]."];
        using var cli = await IngestedAsync(Generator(_server.Endpoint));

        var ask = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff");

        Assert.Equal(0, ask.ExitCode);
        Assert.Contains("Use the WireGuard client and the Berlin gateway [1], as the handbook says.", ask.Output, StringComparison.Ordinal);
        Assert.Contains("Removed citation(s) to sources that were not retrieved: [7]", ask.Output, StringComparison.Ordinal);
        Assert.Contains("[1] VPN", ask.Output, StringComparison.Ordinal);
        var prompt = _server.Requests.Single();
        Assert.True(prompt["stream"]!.GetValue<bool>());
        var user = prompt["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>();
        Assert.Contains("<source id=\"1\" title=\"VPN\"", user, StringComparison.Ordinal);
        Assert.Contains("Berlin gateway", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_GeneratorAnswersWithoutCitations_WarnsUngroundedInJson()
    {
        _server.Pieces = ["Just restart your router."];
        using var cli = await IngestedAsync(Generator(_server.Endpoint));

        var ask = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff", "--json");

        using var json = JsonDocument.Parse(ask.Output);
        Assert.False(json.RootElement.GetProperty("grounded").GetBoolean());
        Assert.Equal("qwen2.5-7b-instruct", json.RootElement.GetProperty("model").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("citations").GetArrayLength());
    }

    [Fact]
    public async Task Ask_GeneratorUnreachable_AnswersWithQuotedPassagesAndSaysWhy()
    {
        using var cli = await IngestedAsync(Generator(new Uri($"http://127.0.0.1:{ClosedPort()}/v1")));

        var ask = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff");

        Assert.Equal(0, ask.ExitCode);
        Assert.Contains("could not be reached", ask.Output, StringComparison.Ordinal);
        Assert.Contains("WireGuard", ask.Output, StringComparison.Ordinal);
        Assert.Contains("[1] VPN", ask.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ServerStreamEndsMidAnswer_ExitsWithAnErrorInsteadOfPassingItOff()
    {
        _server.Pieces = ["Use the WireGuard client ", "and the Berlin gateway [1]", " and then"];
        _server.BreakAfterPieces = 2;
        using var cli = await IngestedAsync(Generator(_server.Endpoint));

        var ask = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff");

        Assert.Equal(1, ask.ExitCode);
        Assert.Contains("Use the WireGuard client and the Berlin gateway [1]", ask.Output, StringComparison.Ordinal);
        Assert.Contains("The answer broke off", ask.Error, StringComparison.Ordinal);
        var audit = await cli.RunAsync("audit", "query", "--action", "answer.given", "--json");
        Assert.Contains("\"failed\"", audit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_FollowUpInAConversation_SendsTheEarlierTurnToTheRewrite()
    {
        _server.Pieces = ["Start WireGuard [1]."];
        using var cli = await IngestedAsync(Generator(_server.Endpoint));

        Assert.Equal(0, (await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff", "--conversation", "c1")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("ask", "Which gateway?", "--groups", "staff", "--conversation", "c1")).ExitCode);

        var rewrite = _server.Requests.Single(r => r["stream"] is null || !r["stream"]!.GetValue<bool>());
        var text = rewrite["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>();
        Assert.Contains("User: How do I connect to the VPN?", text, StringComparison.Ordinal);
        Assert.Contains("Assistant: Start WireGuard.", text, StringComparison.Ordinal);
        Assert.Contains("Last question: Which gateway?", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_OtherAccountNamesTheSameUserAndConversation_DoesNotSeeTheEarlierTurns()
    {
        _server.Pieces = ["Start WireGuard [1]."];
        using var cli = await IngestedAsync(Generator(_server.Endpoint));
        Assert.Equal(0, (await cli.RunAsAsync("alice", "ask", "How do I connect to the VPN?", "--groups", "staff", "--user", "ceo@corp", "--conversation", "c1")).ExitCode);

        var before = _server.Requests.Count;

        // --user is only "on behalf of": another shell account passing the same name and conversation gets a new one.
        Assert.Equal(0, (await cli.RunAsAsync("mallory", "ask", "Which gateway?", "--groups", "staff", "--user", "ceo@corp", "--conversation", "c1")).ExitCode);
        var asMallory = _server.Requests.Skip(before).Select(r => r.ToJsonString()).ToList();
        Assert.Equal(0, (await cli.RunAsAsync("alice", "ask", "Which gateway?", "--groups", "staff", "--user", "ceo@corp", "--conversation", "c1")).ExitCode);

        Assert.All(asMallory, body => Assert.DoesNotContain("How do I connect to the VPN?", body, StringComparison.Ordinal));
        var rewrite = _server.Requests.Single(r => r["stream"] is null || !r["stream"]!.GetValue<bool>());
        Assert.Contains("User: How do I connect to the VPN?", rewrite["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_FollowUpWithOtherGroups_EarlierAnswerFromTheUnreadableSetIsInNeitherPrompt()
    {
        const string marker = "FALCON-4471";
        _server.Pieces = [$"The Q3 travel cap is 42,000 euros, budget code {marker} [1]."];
        using var cli = await IngestedAsync(Generator(_server.Endpoint));
        var finance = cli.Folder("finance");
        await File.WriteAllTextAsync(Path.Combine(finance, "q3.md"), $"# Q3 Budget Memo\n\n## Travel\n\nThe Q3 travel budget is capped at 42,000 euros, budget code {marker}.\n");
        Assert.Equal(0, (await cli.RunAsync("ingest", finance, "--set", "finance", "--groups", "finance")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("ask", "What is the Q3 travel budget cap?", "--groups", "finance", "--conversation", "c1")).ExitCode);
        var before = _server.Requests.Count;
        _server.Pieces = ["Start WireGuard [1]."];

        var ask = await cli.RunAsync("ask", "And how do I connect to the VPN?", "--groups", "staff", "--conversation", "c1");

        Assert.Equal(0, ask.ExitCode);
        var later = _server.Requests.Skip(before).Select(r => r.ToJsonString()).ToList();
        Assert.NotEmpty(later);
        Assert.All(later, body =>
        {
            Assert.DoesNotContain(marker, body, StringComparison.Ordinal);
            Assert.DoesNotContain("Q3 travel budget", body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Ask_InProcessOnnxDecoder_GeneratesAndRecordsTheModel()
    {
        // The tiny random Llama writes noise (no pretrained chat model exists here): this checks the wiring, not quality.
        using var cli = await IngestedAsync(new()
        {
            ["Rag:Generation:Provider"] = "Onnx",
            ["Rag:Generation:Onnx:ModelPath"] = TestModels.Directory("tiny-random-llama-fp32-gqa-kvcache"),
            ["Rag:Generation:Onnx:MaxNewTokens"] = "12",
        });

        var ask = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff", "--json");

        Assert.Equal(0, ask.ExitCode);
        using var json = JsonDocument.Parse(ask.Output);
        Assert.Equal("tiny-random-llama-fp32-gqa-kvcache", json.RootElement.GetProperty("model").GetString());
        Assert.NotEqual(string.Empty, json.RootElement.GetProperty("answer").GetString());
        var audit = await cli.RunAsync("audit", "query", "--action", "answer.given", "--json");
        Assert.Contains("tiny-random-llama-fp32-gqa-kvcache", audit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_WritesEachPieceBeforeTheNextArrives()
    {
        using var output = new StringWriter();
        var context = new CliContext(output, TextWriter.Null, TextReader.Null, new RagPaths(RepoPaths.Root, "d", "m", null, "x"));
        var seenBeforeSecond = string.Empty;

        async IAsyncEnumerable<AnswerUpdate> Updates()
        {
            yield return new AnswerUpdate("First piece");
            await Task.Yield();
            seenBeforeSecond = output.ToString();
            yield return new AnswerUpdate(" second.") { Final = new Answer("First piece second.", [], true) { Grounded = false } };
        }

        var answer = await AnswerPrinter.StreamAsync(context, Updates(), new AccessScope("ana", ["staff"]), CancellationToken.None);

        Assert.Equal("First piece", seenBeforeSecond);
        Assert.Equal("First piece second.", answer.Text);
        Assert.Contains("Ungrounded", output.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Generator(Uri endpoint) => new()
    {
        ["Rag:Generation:Provider"] = "OpenAI",
        ["Rag:Generation:Endpoint"] = endpoint.ToString(),
        ["Rag:Generation:Model"] = "qwen2.5-7b-instruct",
        ["Rag:Generation:MaxRetries"] = "0",
    };

    private static async Task<CliHarness> IngestedAsync(Dictionary<string, string?> configuration)
    {
        var cli = new CliHarness(configuration: configuration);
        var docs = cli.Folder("it");
        await File.WriteAllTextAsync(Path.Combine(docs, "vpn.md"), VpnGuide);
        Assert.Equal(0, (await cli.RunAsync("ingest", docs, "--set", "it", "--groups", "staff")).ExitCode);
        return cli;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

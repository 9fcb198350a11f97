using System.Text.Json;
using Rag.Cli.Tests.Fixtures;

namespace Rag.Cli.Tests.Commands;

/// <summary>Egress settings the guard refuses stop the command line at start-up with a clean message (exit 1), and on the record.</summary>
public sealed class EgressStartupTests
{
    [Fact]
    public async Task Ask_GeneratorEndpointIsAClosedAiService_FailsCleanlyAndAuditsEgressBlocked()
    {
        using var cli = new CliHarness(configuration: new Dictionary<string, string?>
        {
            ["Rag:Generation:Provider"] = "OpenAI",
            ["Rag:Generation:Endpoint"] = "https://api.openai.com/v1",
            ["Rag:Generation:Model"] = "gpt-4o",
        });

        var ask = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff");

        Assert.Equal(1, ask.ExitCode);
        Assert.StartsWith("error: invalid configuration: Rag:Generation:Endpoint api.openai.com is refused by the egress guard: closed AI service", ask.Error, StringComparison.Ordinal);
        var audit = await cli.RunWithConfigurationAsync(new Dictionary<string, string?>(), "audit", "query", "--action", "egress.blocked", "--json");
        Assert.Equal(0, audit.ExitCode);
        var record = Assert.Single(JsonDocument.Parse(audit.Output).RootElement.GetProperty("records").EnumerateArray());
        Assert.Equal("system:generation", record.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal("denied", record.GetProperty("outcome").GetString());
        Assert.Equal("api.openai.com", Assert.Single(record.GetProperty("targets").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Ask_OtlpCollectorNotAllowListed_FailsCleanlyAndAuditsEgressBlocked()
    {
        using var cli = new CliHarness(configuration: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector.example.com:4318",
        });

        var ask = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff");

        Assert.Equal(1, ask.ExitCode);
        Assert.StartsWith("error: invalid configuration: OTEL_EXPORTER_OTLP_ENDPOINT collector.example.com is refused by the egress guard: ", ask.Error, StringComparison.Ordinal);
        var audit = await cli.RunWithConfigurationAsync(new Dictionary<string, string?>(), "audit", "query", "--action", "egress.blocked", "--json");
        Assert.Equal(0, audit.ExitCode);
        var record = Assert.Single(JsonDocument.Parse(audit.Output).RootElement.GetProperty("records").EnumerateArray());
        Assert.Equal("system:otlp", record.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal("denied", record.GetProperty("outcome").GetString());
        Assert.Equal("collector.example.com", Assert.Single(record.GetProperty("targets").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Ask_OtlpEndpointNotAnHttpAddress_FailsNamingTheKey()
    {
        using var cli = new CliHarness(configuration: new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "collector:4317" });

        var ask = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff");

        Assert.Equal(1, ask.ExitCode);
        Assert.Equal("error: invalid configuration: OTEL_EXPORTER_OTLP_ENDPOINT must be the collector's absolute http(s) address, e.g. http://127.0.0.1:4318.", ask.Error.Trim());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("OpenAI")]
    public async Task Ask_ClosedAiHostInTheAllowList_FailsWithTheConfigurationError(string? provider)
    {
        // With a generator configured the allow list is judged twice (its own validation and the endpoint's): one message.
        using var cli = new CliHarness(configuration: new Dictionary<string, string?>
        {
            ["Rag:Egress:AllowedHosts:0"] = "api.openai.com",
            ["Rag:Generation:Provider"] = provider,
            ["Rag:Generation:Endpoint"] = provider is null ? null : "http://localhost:9/v1",
            ["Rag:Generation:Model"] = provider is null ? null : "m",
        });

        var ask = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff");

        Assert.Equal(1, ask.ExitCode);
        Assert.Equal(
            "error: invalid configuration: Rag:Egress:AllowedHosts:0 ('api.openai.com') is a closed AI service (deny list entry 'openai.com'); the deny list cannot be overridden.",
            ask.Error.Trim());
    }

    [Fact]
    public async Task Ask_TwoSectionsInvalid_ListsBothInOneConfigurationError()
    {
        using var cli = new CliHarness(configuration: new Dictionary<string, string?>
        {
            ["Rag:Egress:AllowedHosts:0"] = "api.anthropic.com",
            ["Rag:Retrieval:TopK"] = "0",
        });

        var ask = await cli.RunAsync("ask", "How do I connect to the VPN?", "--groups", "staff");

        Assert.Equal(1, ask.ExitCode);
        Assert.StartsWith("error: invalid configuration: ", ask.Error, StringComparison.Ordinal);
        Assert.Contains("Rag:Egress:AllowedHosts:0 ('api.anthropic.com') is a closed AI service", ask.Error, StringComparison.Ordinal);
        Assert.Contains("TopK", ask.Error, StringComparison.Ordinal);
    }
}

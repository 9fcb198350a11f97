using Rag.Egress.Tests.Fakes;

namespace Rag.Egress.Tests;

/// <summary>Behind a proxy the connect callback sees only the proxy, so the guard checks every hop's host itself.</summary>
public sealed class ProxyTests
{
    [Fact]
    public async Task Send_ThroughProxy_AllowListedHostReachedViaTheProxy()
    {
        await using var proxy = LoopbackHttpServer.Answering("via proxy");
        await using var harness = new EgressHarness(EgressHarness.Settings(
            ("AllowedHosts:0", "model.corp.example"),
            ("Proxy", $"http://127.0.0.1:{proxy.Port}")));
        using var client = harness.Client("generation");

        var body = await client.GetStringAsync(new Uri("http://model.corp.example/v1/models"));

        Assert.Equal("via proxy", body);
        Assert.Equal(1, proxy.Requests);
        Assert.Empty(harness.Resolver.Asked);
    }

    [Fact]
    public async Task Send_ThroughProxy_ClosedAiHostRefusedBeforeReachingTheProxy()
    {
        await using var proxy = LoopbackHttpServer.Answering("must not be reached");
        await using var harness = new EgressHarness(EgressHarness.Settings(("Proxy", $"http://127.0.0.1:{proxy.Port}")));
        using var client = harness.Client("generation");

        await Assert.ThrowsAsync<EgressBlockedException>(() => client.GetAsync(new Uri("https://api.openai.com/v1/models")));

        Assert.Equal(0, proxy.Requests);
        Assert.Empty(harness.Connector.Attempts);
        Assert.Single(await harness.BlockedRecordsAsync());
    }

    [Fact]
    public async Task Send_ThroughProxy_RedirectToClosedAiHostRefused()
    {
        await using var proxy = LoopbackHttpServer.Redirecting("http://api.anthropic.com/v1/messages");
        await using var harness = new EgressHarness(EgressHarness.Settings(
            ("AllowedHosts:0", "model.corp.example"),
            ("Proxy", $"http://127.0.0.1:{proxy.Port}")));
        using var client = harness.Client("generation");

        var error = await Assert.ThrowsAsync<EgressBlockedException>(() => client.GetAsync(new Uri("http://model.corp.example/v1/models")));

        Assert.Equal("api.anthropic.com", error.Host);
        Assert.Equal(1, proxy.Requests);
        Assert.Single(harness.Connector.Attempts);
    }
}

using Rag.Core.Audit;
using Rag.Egress.Tests.Fakes;

namespace Rag.Egress.Tests;

public sealed class DnsTests
{
    [Theory]
    [InlineData("model.corp.example", "169.254.169.254", "link-local")]
    [InlineData("model.corp.example", "::ffff:169.254.169.254", "link-local")]
    [InlineData("model.corp.example", "0.0.0.0", "unspecified")]
    [InlineData("files.partner.example", "10.1.2.3", "not allow-listed")]
    [InlineData("files.partner.example", "203.0.113.7", "not allow-listed")]
    public async Task Send_NameResolvingToForbiddenAddress_RefusedAfterDnsBeforeConnect(string host, string address, string reason)
    {
        await using var harness = new EgressHarness(EgressHarness.Settings(
            ("AllowedHosts:0", "model.corp.example"),
            ("AllowedNetworks:0", "10.20.0.0/16")));
        harness.Resolver.Answer(host, address);
        using var client = harness.Client("qdrant");
        var correlation = "corr-" + Guid.NewGuid().ToString("N");

        EgressBlockedException error;
        using (AuditCorrelation.Begin(correlation))
        {
            error = await Assert.ThrowsAsync<EgressBlockedException>(() => client.GetAsync(new Uri($"http://{host}:6333/collections")));
        }

        Assert.Equal([host], harness.Resolver.Asked);
        Assert.Empty(harness.Connector.Attempts);
        Assert.Equal(System.Net.IPAddress.Parse(address), error.Address);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        var (record, detail) = await harness.SingleBlockedAsync();
        Assert.Equal(correlation, record.Event.CorrelationId);
        Assert.Equal(host, detail.GetProperty("host").GetString());
        Assert.Equal(6333, detail.GetProperty("port").GetInt32());
        Assert.Equal(System.Net.IPAddress.Parse(address).ToString(), detail.GetProperty("address").GetString());
        Assert.Equal("qdrant", detail.GetProperty("component").GetString());
    }

    [Fact]
    public async Task Send_AllowListedNameResolvingToLoopback_ConnectsAndGetsTheResponse()
    {
        await using var server = LoopbackHttpServer.Answering("hello from loopback");
        await using var harness = new EgressHarness(EgressHarness.Settings(("AllowedHosts:0", "local-model.corp.example")));
        harness.Resolver.Answer("local-model.corp.example", "127.0.0.1");
        using var client = harness.Client("generation");

        var body = await client.GetStringAsync(new Uri($"http://local-model.corp.example:{server.Port}/"));

        Assert.Equal("hello from loopback", body);
        Assert.Equal(["local-model.corp.example"], harness.Resolver.Asked);
        Assert.Single(harness.Connector.Attempts);
        Assert.Empty(await harness.BlockedRecordsAsync());
    }

    [Fact]
    public async Task Send_NameResolvingIntoAnAllowedNetwork_ConnectsOnlyToPermittedAddresses()
    {
        await using var server = LoopbackHttpServer.Answering("ok");
        await using var harness = new EgressHarness(EgressHarness.Settings(("AllowedNetworks:0", "127.0.0.0/8")));
        harness.Resolver.Answer("qdrant.internal", "169.254.169.254", "127.0.0.1");
        using var client = harness.Client("qdrant");

        var body = await client.GetStringAsync(new Uri($"http://qdrant.internal:{server.Port}/"));

        Assert.Equal("ok", body);
        var attempt = Assert.Single(harness.Connector.Attempts);
        Assert.Equal(System.Net.IPAddress.Loopback, attempt.Address);
    }

    [Fact]
    public async Task Send_NotAllowListedNameWithoutNetworks_RefusedBeforeDns()
    {
        await using var harness = new EgressHarness();
        using var client = harness.Client("web");

        var error = await Assert.ThrowsAsync<EgressBlockedException>(() => client.GetAsync(new Uri("https://example.com/")));

        Assert.Contains("Rag:Egress:AllowedHosts", error.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Resolver.Asked);
        Assert.Empty(harness.Connector.Attempts);
    }
}

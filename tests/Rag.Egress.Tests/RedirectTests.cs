using Rag.Core.Audit;
using Rag.Egress.Tests.Fakes;

namespace Rag.Egress.Tests;

public sealed class RedirectTests
{
    [Theory]
    [InlineData("http://api.openai.com/v1/models", "api.openai.com", "closed AI service")]
    [InlineData("http://example.com/", "example.com", "not allow-listed")]
    [InlineData("http://169.254.169.254/latest/meta-data", "169.254.169.254", "link-local")]
    public async Task Send_RedirectFromLoopbackToForbiddenHost_RefusedWithoutConnectingTheSecondHop(string location, string host, string reason)
    {
        await using var server = LoopbackHttpServer.Redirecting(location);
        await using var harness = new EgressHarness(EgressHarness.Settings(("AllowedHosts:0", "model.corp.example")));
        using var client = harness.Client("generation");
        var correlation = "corr-" + Guid.NewGuid().ToString("N");

        EgressBlockedException error;
        using (AuditCorrelation.Begin(correlation))
        {
            error = await Assert.ThrowsAsync<EgressBlockedException>(() => client.GetAsync(new Uri($"http://127.0.0.1:{server.Port}/start")));
        }

        Assert.Equal(1, server.Requests);
        Assert.Equal(host, error.Host);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        var attempt = Assert.Single(harness.Connector.Attempts);
        Assert.True(System.Net.IPAddress.IsLoopback(attempt.Address));
        Assert.Empty(harness.Resolver.Asked);
        var (record, detail) = await harness.SingleBlockedAsync();
        Assert.Equal(correlation, record.Event.CorrelationId);
        Assert.Equal(host, detail.GetProperty("host").GetString());
        Assert.Equal("generation", detail.GetProperty("component").GetString());
    }

    [Fact]
    public async Task Send_RedirectToAllowListedNameResolvingToLoopback_Followed()
    {
        await using var target = LoopbackHttpServer.Answering("landed");
        await using var server = LoopbackHttpServer.Redirecting($"http://model.corp.example:{target.Port}/v1/models");
        await using var harness = new EgressHarness(EgressHarness.Settings(("AllowedHosts:0", "model.corp.example")));
        harness.Resolver.Answer("model.corp.example", "127.0.0.1");
        using var client = harness.Client("generation");

        var body = await client.GetStringAsync(new Uri($"http://127.0.0.1:{server.Port}/start"));

        Assert.Equal("landed", body);
        Assert.Equal(2, harness.Connector.Attempts.Count);
        Assert.Empty(await harness.BlockedRecordsAsync());
    }
}

using Rag.Core.Audit;

namespace Rag.Egress.Tests;

public sealed class AddressLiteralTests
{
    [Theory]
    [InlineData("http://8.8.8.8/", "8.8.8.8")]
    [InlineData("https://1.1.1.1/dns-query", "1.1.1.1")]
    [InlineData("http://[2001:4860:4860::8888]/", "2001:4860:4860::8888")]
    [InlineData("http://169.254.169.254/latest/meta-data", "169.254.169.254")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data", "::ffff:169.254.169.254")]
    [InlineData("http://[fe80::1]/", "fe80::1")]
    [InlineData("http://0.0.0.0:8080/", "0.0.0.0")]
    [InlineData("http://[::]/", "::")]
    [InlineData("http://224.0.0.1/", "224.0.0.1")]
    [InlineData("http://255.255.255.255/", "255.255.255.255")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data", "fd00:ec2::254")]
    public async Task Send_AddressLiteral_RefusedWithoutConnectAndAudited(string url, string address)
    {
        await using var harness = new EgressHarness(EgressHarness.Settings(("AllowedHosts:0", "model.corp.example")));
        using var client = harness.Client("ingest");
        var correlation = "corr-" + Guid.NewGuid().ToString("N");

        EgressBlockedException error;
        using (AuditCorrelation.Begin(correlation))
        {
            error = await Assert.ThrowsAsync<EgressBlockedException>(() => client.GetAsync(new Uri(url)));
        }

        Assert.Equal(System.Net.IPAddress.Parse(address), error.Address);
        Assert.Empty(harness.Resolver.Asked);
        Assert.Empty(harness.Connector.Attempts);
        var (record, detail) = await harness.SingleBlockedAsync();
        Assert.Equal(correlation, record.Event.CorrelationId);
        Assert.Equal(System.Net.IPAddress.Parse(address).ToString(), detail.GetProperty("address").GetString());
    }

    [Fact]
    public async Task Send_LinkLocalInsideAnAllowedNetwork_StillRefused()
    {
        await using var harness = new EgressHarness(EgressHarness.Settings(("AllowedNetworks:0", "169.254.0.0/16")));
        using var client = harness.Client("ingest");

        var error = await Assert.ThrowsAsync<EgressBlockedException>(() => client.GetAsync(new Uri("http://169.254.169.254/latest/meta-data")));

        Assert.Contains("link-local", error.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Connector.Attempts);
    }
}

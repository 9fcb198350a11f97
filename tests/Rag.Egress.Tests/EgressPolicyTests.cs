using System.Net;
using Rag.Core.Egress;

namespace Rag.Egress.Tests;

public sealed class EgressPolicyTests
{
    private static EgressPolicy Policy(string[]? hosts = null, string[]? networks = null)
    {
        var options = new EgressOptions();
        foreach (var host in hosts ?? [])
        {
            options.AllowedHosts.Add(host);
        }

        foreach (var network in networks ?? [])
        {
            options.AllowedNetworks.Add(network);
        }

        return new EgressPolicy(options);
    }

    [Theory]
    [InlineData("openai.com.attacker.example")]
    [InlineData("notopenai.com")]
    [InlineData("model.corp.example")]
    public void CheckHost_LookalikeOrOwnName_NotTakenForClosedAi(string host) =>
        Assert.False(Policy().IsClosedAiHost(host));

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST.")]
    [InlineData("model.localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public void CheckHost_Loopback_Allowed(string host) => Assert.True(Policy().CheckHost(host).IsAllowed);

    [Fact]
    public void CheckHost_WildcardAllowsNamesUnderTheDomainOnly()
    {
        var policy = Policy(["*.corp.example"]);

        Assert.True(policy.CheckHost("qdrant.corp.example").IsAllowed);
        Assert.False(policy.CheckHost("corp.example").IsAllowed);
        Assert.False(policy.CheckHost("corp.example.attacker.example").IsAllowed);
    }

    [Fact]
    public void CheckAddress_AllowListedNameToPrivateAddress_Allowed() =>
        Assert.True(Policy(["qdrant.corp.example"]).CheckAddress("qdrant.corp.example", IPAddress.Parse("10.9.8.7")).IsAllowed);

    [Fact]
    public void CheckAddress_Ipv4MappedLoopback_Allowed() =>
        Assert.True(Policy().CheckAddress("x.example", IPAddress.Parse("::ffff:127.0.0.1")).IsAllowed);

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("fe80::a9fe:a9fe")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("239.1.1.1")]
    [InlineData("ff02::1")]
    [InlineData("255.255.255.255")]
    public void CheckAddress_NeverAllowedEvenForAllowListedHostAndNetwork(string address) =>
        Assert.False(Policy(["model.corp.example"], ["0.0.0.0/1", "128.0.0.0/1", "::/1", "8000::/1"]).CheckAddress("model.corp.example", IPAddress.Parse(address)).IsAllowed);

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        var options = new EgressOptions();
        options.AllowedHosts.Add("api.openai.com");

        Assert.Throws<ArgumentException>(() => new EgressPolicy(options));
    }

    [Fact]
    public void CheckHost_ClosedAiNameUnderAnAllowedWildcard_StillRefused() =>
        Assert.False(Policy(["*.us-east-1.amazonaws.com"]).CheckHost("bedrock-runtime.us-east-1.amazonaws.com").IsAllowed);
}

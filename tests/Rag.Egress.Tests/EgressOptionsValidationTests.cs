using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Core.Egress;

namespace Rag.Egress.Tests;

public sealed class EgressOptionsValidationTests
{
    [Theory]
    [InlineData("AllowedHosts:0", "api.openai.com", "Rag:Egress:AllowedHosts:0 ('api.openai.com') is a closed AI service")]
    [InlineData("AllowedHosts:0", "*.openai.com", "Rag:Egress:AllowedHosts:0 ('*.openai.com') is a closed AI service")]
    [InlineData("AllowedHosts:0", "*.azure.com", "Rag:Egress:AllowedHosts:0 ('*.azure.com') would cover the closed AI service 'openai.azure.com'")]
    [InlineData("AllowedHosts:0", "*.com", "would cover the closed AI service")]
    [InlineData("AllowedHosts:0", "*.googleapis.com", "would cover the closed AI service 'generativelanguage.googleapis.com'")]
    [InlineData("AllowedHosts:0", "*", "allows every host")]
    [InlineData("AllowedHosts:0", "*.amazonaws.com", "would cover the closed AI service 'bedrock.*.amazonaws.com'")]
    [InlineData("AllowedHosts:0", "*.huggingface.co", "would cover the closed AI service 'api-inference.huggingface.co'")]
    [InlineData("AllowedHosts:0", "*.ai", "would cover the closed AI service")]
    [InlineData("AllowedHosts:0", "contoso.openai.azure.com", "is a closed AI service (deny list entry 'openai.azure.com')")]
    [InlineData("AllowedHosts:0", "https://model.corp.example", "no scheme, path or user")]
    [InlineData("AllowedHosts:0", "model.corp.example:8080", "must not carry a port")]
    [InlineData("AllowedHosts:0", "model.corp.example/v1", "no scheme, path or user")]
    [InlineData("AllowedHosts:0", " ", "is empty")]
    [InlineData("AllowedHosts:0", "10.0.0.5", "put addresses in Rag:Egress:AllowedNetworks")]
    [InlineData("AllowedHosts:0", "model.*.example", "is not a host name")]
    [InlineData("AllowedNetworks:0", "10.0.0.0/33", "Rag:Egress:AllowedNetworks:0 ('10.0.0.0/33') is not a network in CIDR form")]
    [InlineData("AllowedNetworks:0", "10.0.0/8", "is not a network in CIDR form")]
    [InlineData("AllowedNetworks:0", "corp.example/24", "is not a network in CIDR form")]
    [InlineData("AllowedNetworks:0", "0.0.0.0/0", "covers every address")]
    [InlineData("AllowedNetworks:0", "::/0", "covers every address")]
    [InlineData("Proxy", "http://proxy.corp.example:3128", "Rag:Egress:Proxy ('http://proxy.corp.example:3128/') names host 'proxy.corp.example', which is not allowed")]
    [InlineData("Proxy", "socks5://127.0.0.1:1080", "must be an absolute http:// or https:// address")]
    [InlineData("ConnectTimeout", "00:00:00", "Rag:Egress:ConnectTimeout must be between")]
    public async Task Startup_InvalidEntry_FailsNamingTheSettingAndEntry(string key, string value, string expected)
    {
        await using var harness = new EgressHarness(EgressHarness.Settings((key, value)));

        var error = Assert.Throws<OptionsValidationException>(() => harness.Provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateClient_InvalidConfiguration_FailsInsteadOfConnectingUnguarded()
    {
        await using var harness = new EgressHarness(EgressHarness.Settings(("AllowedHosts:0", "api.anthropic.com")));

        Assert.Throws<OptionsValidationException>(() => harness.Client("generation"));
    }

    [Fact]
    public async Task Startup_ValidEntries_Pass()
    {
        await using var harness = new EgressHarness(EgressHarness.Settings(
            ("AllowedHosts:0", "model.corp.example"),
            ("AllowedHosts:1", "*.corp.example"),
            ("AllowedHosts:2", "login.microsoftonline.com"),
            ("AllowedHosts:3", "Qdrant.Corp.Example."),
            ("AllowedHosts:4", "*.s3.amazonaws.com"),
            ("AllowedHosts:5", "huggingface.co"),
            ("AllowedNetworks:0", "10.20.0.0/16"),
            ("AllowedNetworks:1", "fd00:1::/64"),
            ("AllowedNetworks:2", "10.30.0.5"),
            ("Proxy", "http://proxy.corp.example:3128")));

        harness.Provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(harness.Provider.GetRequiredService<EgressPolicy>());
    }

    [Fact]
    public void Defaults_ArePinned()
    {
        var options = new EgressOptions();

        Assert.Empty(options.AllowedHosts);
        Assert.Empty(options.AllowedNetworks);
        Assert.Null(options.Proxy);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ConnectTimeout);
        Assert.Equal("Rag:Egress", EgressOptions.SectionName);
    }
}

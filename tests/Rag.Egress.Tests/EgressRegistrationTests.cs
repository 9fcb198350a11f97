using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rag.Egress.Tests.Fakes;

namespace Rag.Egress.Tests;

public sealed class EgressRegistrationTests
{
    [Fact]
    public async Task CreateClient_ClientReplacingThePrimaryHandler_FailsToBuild()
    {
        var services = new ServiceCollection();
        services.AddRagEgress(new ConfigurationBuilder().Build());
        services.AddHttpClient("rogue").ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler());
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("rogue"));

        Assert.Contains("'rogue'", error.Message, StringComparison.Ordinal);
        Assert.Contains("IEgressHandlerFactory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandlerFactory_HandlerForAThirdPartyClient_IsGuarded()
    {
        await using var harness = new EgressHarness();
        using var handler = harness.Provider.GetRequiredService<IEgressHandlerFactory>().Create("third-party");
        using var client = new HttpClient(handler, disposeHandler: false);

        var error = await Assert.ThrowsAsync<EgressBlockedException>(() => client.GetAsync(new Uri("https://api.mistral.ai/v1/models")));

        Assert.Equal("third-party", error.Component);
        Assert.Single(await harness.BlockedRecordsAsync());
    }

    [Fact]
    public async Task CreateClient_UnnamedClient_IsGuardedAsDefaultComponent()
    {
        await using var harness = new EgressHarness();
        using var client = harness.Provider.GetRequiredService<IHttpClientFactory>().CreateClient();

        var error = await Assert.ThrowsAsync<EgressBlockedException>(() => client.GetAsync(new Uri("https://api.groq.com/")));

        Assert.Equal(EgressServiceCollectionExtensions.DefaultComponent, error.Component);
    }

    [Fact]
    public async Task Send_Http3Requested_StaysOnTcpThroughTheGuard()
    {
        await using var server = LoopbackHttpServer.Answering("tcp");
        await using var harness = new EgressHarness();
        using var client = harness.Client("generation");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{server.Port}/"))
        {
            Version = System.Net.HttpVersion.Version30,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

        using var response = await client.SendAsync(request);

        Assert.Equal("tcp", await response.Content.ReadAsStringAsync());
        Assert.Single(harness.Connector.Attempts);
    }

    [Fact]
    public async Task Send_AuditLogMissing_StillRefuses()
    {
        var services = new ServiceCollection();
        var connector = new CountingConnectorFake();
        services.AddSingleton<IEgressConnector>(connector);
        services.AddRagEgress(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("cli");

        await Assert.ThrowsAsync<EgressBlockedException>(() => client.GetAsync(new Uri("https://api.openai.com/")));

        Assert.Empty(connector.Attempts);
    }

    [Fact]
    public async Task Send_AuditWriteFails_StillRefuses()
    {
        var services = new ServiceCollection();
        var connector = new CountingConnectorFake();
        services.AddSingleton<IEgressConnector>(connector);
        services.AddSingleton<Rag.Core.Audit.IAuditLog, AuditLogFailingFake>();
        services.AddRagEgress(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("cli");

        await Assert.ThrowsAsync<EgressBlockedException>(() => client.GetAsync(new Uri("https://api.openai.com/")));

        Assert.Empty(connector.Attempts);
    }

    [Fact]
    public async Task AddRagEgress_CalledTwice_RegistersOnce()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Rag:Egress:AllowedHosts:0"] = "model.corp.example" })
            .Build();
        var services = new ServiceCollection();
        services.AddRagEgress(configuration);
        services.AddRagEgress(configuration);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Rag.Core.Egress.EgressOptions>>().Value;

        Assert.Equal(["model.corp.example"], options.AllowedHosts);
    }

    [Fact]
    public async Task HandlerFactory_NoProxyConfigured_UsesNoProxyAtAllAndTheConfiguredTimeout()
    {
        await using var harness = new EgressHarness(EgressHarness.Settings(("ConnectTimeout", "00:00:03")));
        using var handler = harness.Provider.GetRequiredService<IEgressHandlerFactory>().Create("probe");

        var sockets = Assert.IsType<SocketsHttpHandler>(Assert.IsType<EgressGuardHandler>(handler).InnerHandler);

        Assert.False(sockets.UseProxy);
        Assert.Null(sockets.Proxy);
        Assert.True(sockets.AllowAutoRedirect);
        Assert.NotNull(sockets.ConnectCallback);
        Assert.Equal(TimeSpan.FromSeconds(3), sockets.ConnectTimeout);
    }

    [Fact]
    public async Task HandlerFactory_ProxyConfigured_UsesItAndFollowsRedirectsInTheGuard()
    {
        await using var harness = new EgressHarness(EgressHarness.Settings(
            ("AllowedHosts:0", "proxy.corp.example"),
            ("Proxy", "http://proxy.corp.example:3128")));
        using var handler = harness.Provider.GetRequiredService<IEgressHandlerFactory>().Create("probe");

        var sockets = Assert.IsType<SocketsHttpHandler>(Assert.IsType<EgressGuardHandler>(handler).InnerHandler);

        Assert.True(sockets.UseProxy);
        Assert.Equal(new Uri("http://proxy.corp.example:3128"), sockets.Proxy!.GetProxy(new Uri("http://model.corp.example/")));
        Assert.False(sockets.AllowAutoRedirect);
    }
}

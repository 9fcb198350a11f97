using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Core.Embeddings;
using Rag.Testing;

namespace Rag.Generation.Tests;

/// <summary>AddRagGeneration: provider choice, validation, and the OpenAI-compatible client over real HTTP.</summary>
public sealed class GenerationServicesTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private OpenAiCompatibleServerFake _server = null!;

    public async Task InitializeAsync() => _server = await OpenAiCompatibleServerFake.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AddRagGeneration_ProviderNone_RegistersNoChatClient()
    {
        await using var services = Build(new() { ["Rag:Generation:Provider"] = "None" });

        Assert.Null(services.GetService<IChatClient>());
    }

    [Theory]
    [InlineData("OpenAI", null, "m", "Rag:Generation:Endpoint")]
    [InlineData("OpenAI", "ftp://host/v1", "m", "Rag:Generation:Endpoint")]
    [InlineData("OpenAI", "http://user:pw@host/v1", "m", "credentials")]
    [InlineData("OpenAI", "http://host/v1", null, "Rag:Generation:Model")]
    [InlineData("Gpt", "http://host/v1", "m", "Rag:Generation:Provider")]
    public async Task AddRagGeneration_WrongSettings_FailsAtStartNamingTheKey(string provider, string? endpoint, string? model, string expected)
    {
        await using var services = Build(new() { ["Rag:Generation:Provider"] = provider, ["Rag:Generation:Endpoint"] = endpoint, ["Rag:Generation:Model"] = model });

        var ex = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.openai.com/v1", "closed AI service")]
    [InlineData("https://my-resource.openai.azure.com/openai/v1", "closed AI service")]
    [InlineData("http://vllm.corp.example:8000/v1", "Rag:Egress:AllowedHosts")]
    public async Task AddRagGeneration_EndpointTheEgressGuardRefuses_FailsAtStart(string endpoint, string expected)
    {
        await using var services = Build(new() { ["Rag:Generation:Provider"] = "OpenAI", ["Rag:Generation:Endpoint"] = endpoint, ["Rag:Generation:Model"] = "m" }, egress: true);

        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Rag:Generation:Endpoint", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRagGeneration_EndpointAllowListed_Starts()
    {
        await using var services = Build(
            new() { ["Rag:Generation:Provider"] = "OpenAI", ["Rag:Generation:Endpoint"] = "http://vllm.corp.example:8000/v1", ["Rag:Generation:Model"] = "m", ["Rag:Egress:AllowedHosts:0"] = "vllm.corp.example" },
            egress: true);

        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(services.GetRequiredService<IChatClient>());
    }

    [Fact]
    public async Task GetResponseAsync_BlockedByTheEgressGuard_IsNotRetried()
    {
        // Allowed at start (networks are allow-listed, so any name may be tried), refused at connect: the name resolves outside them.
        await using var services = Build(
            new() { ["Rag:Generation:Provider"] = "OpenAI", ["Rag:Generation:Endpoint"] = "http://model.corp.example:8000/v1", ["Rag:Generation:Model"] = "m", ["Rag:Generation:MaxRetries"] = "3", ["Rag:Egress:AllowedNetworks:0"] = "10.0.0.0/8" },
            egress: true);
        var ex = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => services.GetRequiredService<IChatClient>().GetResponseAsync("Hi"));

        Assert.IsType<Rag.Egress.EgressBlockedException>(ex.InnerException);
        Assert.Equal(1, ((PublicAddressResolverFake)services.GetRequiredService<Rag.Egress.IEgressResolver>()).Lookups);
    }

    [Fact]
    public async Task GetResponseAsync_OpenAiProvider_SendsModelMessagesAndKeyFromFile()
    {
        var keyFile = _temp.Combine("key.txt");
        await File.WriteAllTextAsync(keyFile, "s3cret-key\n");
        _server.Pieces = ["The VPN needs ", "a token [1]."];
        await using var services = Build(OpenAi(new() { ["Rag:Generation:ApiKeyFile"] = keyFile, ["Rag:Generation:ModelVersion"] = "2025-01" }));
        var client = services.GetRequiredService<IChatClient>();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, "rules"), new ChatMessage(ChatRole.User, "How?")], new ChatOptions { MaxOutputTokens = 64, Temperature = 0 });

        Assert.Equal("The VPN needs a token [1].", response.Text);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("qwen2.5-7b-instruct", request["model"]!.GetValue<string>());
        Assert.Equal("How?", request["messages"]![1]!["content"]!.GetValue<string>());
        Assert.Equal("Bearer s3cret-key", Assert.Single(_server.Authorizations));
        Assert.Equal("qwen2.5-7b-instruct", client.GetService<ChatClientMetadata>()!.DefaultModelId);
        Assert.Equal("2025-01", client.GetService<ModelVersion>()!.Value);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_OpenAiProvider_StreamsThePiecesInOrder()
    {
        _server.Pieces = ["One", " two", " three", "."];
        await using var services = Build(OpenAi());
        var client = services.GetRequiredService<IChatClient>();

        var pieces = new List<string>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Count")]))
        {
            if (update.Text.Length > 0)
            {
                pieces.Add(update.Text);
            }
        }

        Assert.Equal(["One", " two", " three", "."], pieces);
        Assert.True(_server.Requests.Single()["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_OpenAiProvider_FirstPieceArrivesBeforeTheServerSendsTheRest()
    {
        var firstSeen = new TaskCompletionSource();
        _server.Pieces = ["First", " second."];
        _server.HoldAfterFirstPiece = firstSeen.Task;
        await using var services = Build(OpenAi());

        var pieces = new List<string>();
        await foreach (var update in services.GetRequiredService<IChatClient>().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Go")]))
        {
            if (update.Text.Length > 0)
            {
                pieces.Add(update.Text);
                firstSeen.TrySetResult();
            }
        }

        Assert.Equal(["First", " second."], pieces);
        Assert.True(_server.HeldPieceReleasedInTime, "the client only saw the first piece after the whole response: it buffers instead of streaming");
    }

    [Fact]
    public async Task GetResponseAsync_ServerBusyOnce_IsRetried()
    {
        _server.FailFirst = 1;
        await using var services = Build(OpenAi());

        var response = await services.GetRequiredService<IChatClient>().GetResponseAsync("Hi");

        Assert.Equal("Hello world", response.Text);
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task GetResponseAsync_RetriesOff_ServerBusy_FailsAfterOneRequest()
    {
        _server.FailFirst = 5;
        await using var services = Build(OpenAi(new() { ["Rag:Generation:MaxRetries"] = "0" }));

        var ex = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => services.GetRequiredService<IChatClient>().GetResponseAsync("Hi"));

        Assert.Equal(503, ex.Status);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task GetResponseAsync_ServerTooSlow_TimesOut()
    {
        _server.Delay = TimeSpan.FromSeconds(20);
        await using var services = Build(OpenAi(new() { ["Rag:Generation:Timeout"] = "00:00:01", ["Rag:Generation:MaxRetries"] = "0" }));
        var started = TimeProvider.System.GetTimestamp();

        await Assert.ThrowsAsync<Polly.Timeout.TimeoutRejectedException>(() => services.GetRequiredService<IChatClient>().GetResponseAsync("Hi"));

        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(15), "the timeout did not cut the request off");
    }

    private Dictionary<string, string?> OpenAi(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Rag:Generation:Provider"] = "OpenAI",
            ["Rag:Generation:Endpoint"] = _server.Endpoint.ToString(),
            ["Rag:Generation:Model"] = "qwen2.5-7b-instruct",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, bool egress = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        if (egress)
        {
            services.AddSingleton<Rag.Egress.IEgressResolver, PublicAddressResolverFake>();
            Rag.Egress.EgressServiceCollectionExtensions.AddRagEgress(services, configuration);
        }

        return services
            .AddRagGeneration(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Fake DNS (none exists here): every name resolves to a public documentation address.</summary>
    private sealed class PublicAddressResolverFake : Rag.Egress.IEgressResolver
    {
        private int _lookups;

        public int Lookups => Volatile.Read(ref _lookups);

        public Task<System.Net.IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _lookups);
            return Task.FromResult(new[] { System.Net.IPAddress.Parse("192.0.2.10") });
        }
    }
}

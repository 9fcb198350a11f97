using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rag.Testing;

namespace Rag.Web.Tests.Fixtures;

/// <summary>The real app on real Kestrel at 127.0.0.1 on a free port, over the given data directory and settings.</summary>
internal sealed class RunningApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Builds the app as Program.cs does, with <paramref name="settings"/> applied last.</summary>
    public static WebApplication Build(string dataDirectory, IReadOnlyDictionary<string, string?> settings) =>
        RagWebApplication.Create(["--urls", "http://127.0.0.1:0"], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rag:Storage:DataDirectory"] = dataDirectory,
            ["Rag:Embedding:ModelsDirectory"] = TestModels.ModelsRoot,
            ["Logging:LogLevel:Default"] = "Warning",
        }).AddInMemoryCollection(settings));

    public static async Task<RunningApp> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?> settings)
    {
        var app = Build(dataDirectory, settings);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningApp(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>A request to <paramref name="path"/> with <c>Authorization: Bearer key</c> (none when null).</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? key, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

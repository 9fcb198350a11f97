using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Rag.Processes.Tests.Fixtures;

/// <summary>
/// The built web app (Rag.Web.dll) serving its OpenAI-compatible API on a loopback port: a long-running reader of the
/// deployment's index, asked questions with an API key.
/// </summary>
internal sealed class WebReader : IAsyncDisposable
{
    private readonly ProductProcess _process;
    private readonly HttpClient _http;
    private readonly string _key;

    private WebReader(ProductProcess process, HttpClient http, string key)
    {
        _process = process;
        _http = http;
        _key = key;
    }

    public string Output => _process.Output;

    /// <summary>Starts the web app with <paramref name="settings"/> on top of the deployment's environment and waits until it is healthy.</summary>
    public static async Task<WebReader> StartAsync(Deployment deployment, string key, IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>(deployment.Environment);
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        var port = FreePort();
        var process = ProductProcess.Start("Rag.Web.dll", ["--urls", $"http://127.0.0.1:{port}"], environment, deployment.WorkingDirectory);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        var reader = new WebReader(process, http, key);
        try
        {
            await reader.WaitHealthyAsync();
            return reader;
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    /// <summary>The source paths the answer to <paramref name="question"/> cites.</summary>
    public async Task<IReadOnlyList<string>> CitedPathsAsync(string question)
    {
        var body = JsonSerializer.Serialize(new
        {
            model = "rag",
            messages = new[] { new { role = "user", content = question } },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"POST /v1/chat/completions answered {(int)response.StatusCode}: {text}\nWeb app output:\n{Output}");
        }

        var paths = new List<string>();
        Collect(JsonDocument.Parse(text).RootElement, paths);
        return paths;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }

    /// <summary>Every string property named "path" anywhere in the response (the citations).</summary>
    private static void Collect(JsonElement element, List<string> paths)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("path") && property.Value.ValueKind == JsonValueKind.String)
                    {
                        paths.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value, paths);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, paths);
                }

                break;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow + Deployment.StepTimeout;
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Rag.Web never became healthy (exit code {_process.ExitCode}). Output:\n{Output}");
            }

            await Task.Delay(200);
        }
    }
}

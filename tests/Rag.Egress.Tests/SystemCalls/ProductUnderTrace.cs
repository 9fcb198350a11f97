using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Rag.Core.Access;
using Rag.Testing;

namespace Rag.Egress.Tests.SystemCalls;

/// <summary>
/// Runs the real, built command line and web app (rag.dll and Rag.Web.dll from this test's output, the same build
/// <c>./rag</c> makes) as child processes under strace, once for the whole test class: <c>rag api-key create</c>;
/// <c>rag up</c> (installs the default models, ingests samples/handbook and samples/finance, answers a question at the
/// prompt); and, while <c>up</c> waits at its prompt, <c>Rag.Web</c> answering <c>/v1/models</c> and
/// <c>/v1/chat/completions</c> (plain and streamed) with an API key. Each process stays up at least
/// <see cref="MinimumUptime"/>: ONNX Runtime's telemetry, when on, resolves its collector a few seconds after the
/// runtime starts and again every few seconds.
/// </summary>
public sealed class ProductUnderTrace : IAsyncLifetime, IDisposable
{
    public static readonly TimeSpan MinimumUptime = TimeSpan.FromSeconds(15);

    /// <summary>The allow-list given to the processes (TEST-NET-2: nothing there is reached, but it may be).</summary>
    public const string AllowedNetwork = "198.51.100.0/24";

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);

    private readonly TempDirectory _temp = new();

    internal IReadOnlyList<SocketCall> CliCalls { get; private set; } = [];

    internal IReadOnlyList<SocketCall> WebCalls { get; private set; } = [];

    public string CliOutput { get; private set; } = string.Empty;

    public int CliExitCode { get; private set; } = -1;

    public IReadOnlyList<(string Request, HttpStatusCode Status, string Body)> ApiExchanges { get; private set; } = [];

    internal OutboundPolicy Policy { get; } = new([IPNetwork.Parse(AllowedNetwork)]);

    public async Task InitializeAsync()
    {
        var strace = FindStrace();
        var environment = new Dictionary<string, string>
        {
            ["RAG_HOME"] = RepoPaths.Root,
            ["RAG_DATA"] = _temp.Combine("data"),
            ["RAG_MODELS"] = TestModels.ModelsRoot,
            ["RAG_USER"] = "egress-test",
            ["Rag__Egress__AllowedNetworks__0"] = AllowedNetwork,
        };
        var rag = Path.Combine(AppContext.BaseDirectory, "rag.dll");
        var webApp = Path.Combine(AppContext.BaseDirectory, "Rag.Web.dll");

        var cliCalls = new List<SocketCall>();
        string key;
        await using (var create = TracedProcess.Start(strace, _temp.Combine("api-key.trace"), rag, ["api-key", "create", "--id", "egress-test", "--groups", "employees"], environment, _temp.Path))
        {
            var code = await create.WaitForExitAsync(StepTimeout);
            Require(code == 0, "rag api-key create", create.Output);
            key = create.Output.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal));
            foreach (var setting in create.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("Rag__Api__Keys__0__", StringComparison.Ordinal)))
            {
                environment[setting[..setting.IndexOf('=', StringComparison.Ordinal)]] = setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..];
            }

            cliCalls.AddRange(StraceLog.Parse("rag api-key create", await File.ReadAllTextAsync(create.TraceFile)));
        }

        await using var up = TracedProcess.Start(strace, _temp.Combine("up.trace"), rag, ["up", "--groups", "employees"], environment, _temp.Path);
        await up.WriteLineAsync("How do I connect to the VPN?");
        await up.WaitForOutputAsync("Sources", StepTimeout);

        var port = FreePort();
        await using var web = TracedProcess.Start(strace, _temp.Combine("web.trace"), webApp, ["--urls", $"http://127.0.0.1:{port}"], environment, _temp.Path);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        await WaitHealthyAsync(http, web);
        ApiExchanges = await ExerciseApiAsync(http, key);

        while (web.Uptime < MinimumUptime || up.Uptime < MinimumUptime)
        {
            await Task.Delay(200);
        }

        await up.WriteLineAsync(":quit");
        CliExitCode = await up.WaitForExitAsync(StepTimeout);
        CliOutput = up.Output;
        await web.StopTracedAsync(StepTimeout);

        cliCalls.AddRange(StraceLog.Parse("rag up", await File.ReadAllTextAsync(up.TraceFile)));
        CliCalls = cliCalls;
        WebCalls = StraceLog.Parse("Rag.Web", await File.ReadAllTextAsync(web.TraceFile));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temp.Dispose();

    private static async Task<IReadOnlyList<(string, HttpStatusCode, string)>> ExerciseApiAsync(HttpClient http, string key)
    {
        var exchanges = new List<(string, HttpStatusCode, string)>();
        foreach (var (name, request) in Requests(key))
        {
            using (request)
            using (var response = await http.SendAsync(request))
            {
                exchanges.Add((name, response.StatusCode, await response.Content.ReadAsStringAsync()));
            }
        }

        return exchanges;
    }

    private static IEnumerable<(string, HttpRequestMessage)> Requests(string key)
    {
        yield return ("GET /v1/models", Authorized(new HttpRequestMessage(HttpMethod.Get, "v1/models"), key));
        foreach (var stream in (bool[])[false, true])
        {
            var body = JsonSerializer.Serialize(new
            {
                model = "rag",
                stream,
                messages = new[] { new { role = "user", content = "How many days of annual leave do I get?" } },
            });
            var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            yield return ($"POST /v1/chat/completions (stream: {stream})", Authorized(request, key));
        }
    }

    private static HttpRequestMessage Authorized(HttpRequestMessage request, string key)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    private static async Task WaitHealthyAsync(HttpClient http, TracedProcess web)
    {
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Require(web.ExitCode is null && web.Uptime < StepTimeout, "Rag.Web (never became healthy)", web.Output);
            await Task.Delay(200);
        }
    }

    private static void Require(bool condition, string step, string output)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{step} failed; its output:\n{output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>strace on PATH; its absence fails the tests (never skips them), saying how to get it.</summary>
    private static string FindStrace()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "strace"))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            "strace is not installed, so the system-call egress test cannot watch the product's sockets. Install it " +
            "(apt-get install -y strace; ./rag test does this when run as root) and run the tests again.");
    }
}

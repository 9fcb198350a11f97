using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Rag.Core.Access;
using Rag.Testing;

namespace Rag.Egress.Tests.SystemCalls;

/// <summary>
/// Runs the real, built command line (rag.dll from this test's output, beside Rag.Web.dll and rag-worker.dll: the
/// same builds <c>./rag</c> makes) under strace, once for the whole test class: <c>rag api-key create</c>; then the
/// whole of <c>rag up</c>: it installs the default models, queues samples/handbook and samples/finance, and starts the
/// ingestion worker and the web app as its children (traced too); the worker indexes the samples, and the web app
/// answers a question that cites them, <c>/v1/models</c> and <c>/v1/chat/completions</c> (plain and streamed) with
/// an API key; then SIGTERM stops <c>up</c>, which stops both children. Each process stays up at least
/// <see cref="MinimumUptime"/>: ONNX Runtime's telemetry, when on, resolves its collector a few seconds after the
/// runtime starts and again every few seconds.
/// </summary>
public sealed class ProductUnderTrace : IAsyncLifetime, IDisposable
{
    public static readonly TimeSpan MinimumUptime = TimeSpan.FromSeconds(15);

    /// <summary>The allow-list given to the processes (TEST-NET-2: nothing there is reached, but it may be).</summary>
    public const string AllowedNetwork = "198.51.100.0/24";

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);

    // Under strace on a loaded machine: models installed, two hosts started, the samples indexed.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private readonly TempDirectory _temp = new();

    internal IReadOnlyList<SocketCall> CliCalls { get; private set; } = [];

    internal IReadOnlyList<SocketCall> WebCalls { get; private set; } = [];

    public string CliOutput { get; private set; } = string.Empty;

    public int CliExitCode { get; private set; } = -1;

    public IReadOnlyList<(string Request, HttpStatusCode Status, string Body)> ApiExchanges { get; private set; } = [];

    /// <summary>The first answer that cited a source (the worker had indexed the samples by then).</summary>
    public string FirstAnswer { get; private set; } = string.Empty;

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

        }

        // rag up: installs the models, queues the samples, and starts the worker and the web app as its children (strace -f
        // follows them); a question goes through the web app's API once the worker has indexed the samples.
        var port = FreePort();
        await using var up = TracedProcess.Start(strace, _temp.Combine("up.trace"), rag, ["up", "--urls", $"http://127.0.0.1:{port}"], environment, _temp.Path);
        await up.WaitForOutputAsync("Rag is up:", StartTimeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        FirstAnswer = await AskUntilIndexedAsync(http, key, up);
        ApiExchanges = await ExerciseApiAsync(http, key);

        while (up.Uptime < MinimumUptime)
        {
            await Task.Delay(200);
        }

        CliExitCode = await up.TerminateTracedAsync(StepTimeout);
        CliOutput = up.Output;

        cliCalls.AddRange(StraceLog.Parse("rag api-key create", await File.ReadAllTextAsync(_temp.Combine("api-key.trace"))));
        var upCalls = StraceLog.Parse("rag up (with its worker and web app)", await File.ReadAllTextAsync(up.TraceFile));
        cliCalls.AddRange(upCalls);
        CliCalls = cliCalls;
        WebCalls = upCalls;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temp.Dispose();

    /// <summary>Asks through the API until the answer cites a source: the worker has indexed the samples by then.</summary>
    private static async Task<string> AskUntilIndexedAsync(HttpClient http, string key, TracedProcess up)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            var body = JsonSerializer.Serialize(new { model = "rag", messages = new[] { new { role = "user", content = "How do I connect to the VPN?" } } });
            using var request = Authorized(new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") }, key);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && text.Contains("[1]", StringComparison.Ordinal))
            {
                return text;
            }

            Require(up.ExitCode is null && DateTime.UtcNow < deadline, "rag up (the samples were never indexed and cited)", up.Output + "\nlast answer: " + text);
            await Task.Delay(1000);
        }
    }

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

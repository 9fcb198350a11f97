using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Rag.Cli.Tests.Fixtures;
using Rag.Testing;

namespace Rag.Cli.Tests.Commands;

public sealed partial class UpCommandTests
{
    [Fact]
    public async Task Up_PortInUse_RefusesBeforeStartingAnything()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var cli = new CliHarness();

        var run = await cli.RunAsync("up", "--urls", $"http://127.0.0.1:{port}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"port {port} on 127.0.0.1 is already in use", run.Error, StringComparison.Ordinal);
        Assert.Contains("--urls", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cli.Paths.DataDirectory), "nothing may be queued or started when the port is taken");
    }

    [Theory]
    [InlineData("http://127.0.0.1:0", "fixed port")]
    [InlineData("ftp://127.0.0.1:5080", "an address such as")]
    [InlineData("http://127.0.0.1:5080;http://127.0.0.1:5081", "one address")]
    [InlineData("http://127.0.0.1:5080/app", "an address such as")]
    public async Task Up_BadUrls_RefusedWithTheReason(string urls, string reason)
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("up", "--urls", urls);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cli.Paths.DataDirectory));
    }

    /// <summary>
    /// The real command line as a process: it serves, its worker indexes the queued samples, and SIGTERM stops it with
    /// both children (no orphan left). Without the stop it would leave the web app and the worker running.
    /// </summary>
    [Fact]
    public async Task Up_RealProcess_IndexesSamplesServesAndLeavesNoChildOnSigterm()
    {
        using var temp = new TempDirectory();
        var port = FreePort();
        var paths = new RagPaths(RepoPaths.Root, temp.Combine("data"), TestModels.ModelsRoot, null, Path.Combine(RepoPaths.Root, "infra", "models.json"));
        using var up = UpProcess.Start(paths, port);
        var children = new List<int>();
        try
        {
            var banner = await up.WaitForAsync(UpBanner(), TimeSpan.FromMinutes(4));
            children.Add(int.Parse(banner.Groups["web"].Value, CultureInfo.InvariantCulture));
            children.Add(int.Parse(banner.Groups["worker"].Value, CultureInfo.InvariantCulture));
            using (var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") })
            {
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("healthz", UriKind.Relative))).StatusCode);
            }

            await WaitIndexedAsync(paths, "finance", TimeSpan.FromMinutes(3));
            Assert.All(children, pid => Assert.True(Alive(pid), $"child {pid} should run while up runs"));

            var code = await up.TerminateAsync(TimeSpan.FromSeconds(90));

            Assert.True(code == 0, $"rag up exited {code}:\n{up.Output}");
            Assert.Contains("rag up: stopped (web app exit code 0, worker exit code 0)", up.Output, StringComparison.Ordinal);
            Assert.All(children, pid => Assert.False(Alive(pid), $"child {pid} outlived rag up:\n{up.Output}"));
        }
        finally
        {
            foreach (var pid in children.Where(Alive))
            {
                using var orphan = Process.GetProcessById(pid);
                orphan.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task WaitIndexedAsync(RagPaths paths, string set, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var last = string.Empty;
        while (clock.Elapsed < timeout)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            using var input = new StringReader(string.Empty);
            var code = await RagCommandLine.RunAsync(["documents", "list", "--set", set], new CliContext(output, error, input, paths));
            last = output + error.ToString();
            if (code == 0 && last.Contains("\tindexed\t", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"set {set} was not indexed within {timeout}: {last}");
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Rag is up: \S+ +\(web app pid (?<web>\d+), ingestion worker pid (?<worker>\d+)")]
    private static partial Regex UpBanner();
}

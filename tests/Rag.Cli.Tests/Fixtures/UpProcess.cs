using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Rag.Testing;

namespace Rag.Cli.Tests.Fixtures;

/// <summary>
/// The built command line (rag.dll beside this test) running <c>rag up</c> as a real process over <paramref name="paths"/>,
/// with the web app and worker this test project builds beside its own output (same configuration).
/// </summary>
internal sealed class UpProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private UpProcess(Process process) => _process = process;

    public string Output => string.Join('\n', _lines);

    public static UpProcess Start(RagPaths paths, int port)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "rag.dll"), "up", "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["RAG_HOME"] = paths.Home;
        start.Environment["RAG_DATA"] = paths.DataDirectory;
        start.Environment["RAG_MODELS"] = paths.ModelsDirectory;
        start.Environment["RAG_WEB_APP"] = Path.Combine(RepoPaths.Root, "src", "Rag.Web", "bin", configuration, framework, "Rag.Web.dll");
        start.Environment["RAG_WORKER_APP"] = Path.Combine(RepoPaths.Root, "ingest", "Rag.Ingest.Worker", "bin", configuration, framework, "rag-worker.dll");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var up = new UpProcess(Process.Start(start) ?? throw new InvalidOperationException("rag up did not start."));
        up._process.OutputDataReceived += (_, e) => up.Add(e.Data);
        up._process.ErrorDataReceived += (_, e) => up.Add(e.Data);
        up._process.BeginOutputReadLine();
        up._process.BeginErrorReadLine();
        return up;
    }

    /// <summary>Waits for a line matching <paramref name="pattern"/>; fails with everything printed so far.</summary>
    public async Task<Match> WaitForAsync(Regex pattern, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_lines.Select(l => pattern.Match(l)).FirstOrDefault(m => m.Success) is { } match)
            {
                return match;
            }

            if (clock.Elapsed > timeout || _process.HasExited)
            {
                Assert.Fail($"No line matching '{pattern}' within {timeout} (exited: {_process.HasExited}). Output:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Sends SIGTERM, as <c>kill</c>, systemd or <c>docker stop</c> do, and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace Rag.Testing;

/// <summary>
/// The built ingestion worker host (rag-worker.dll, what <c>./rag worker</c> runs) as a real process over a data
/// directory. The test project builds the worker (a project reference, with or without its output copied beside the
/// tests); <see cref="Start"/> runs the copy beside the tests when there is one, else the worker's own build output.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private WorkerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => string.Join('\n', _lines);

    /// <summary>The worker's dll: beside the tests, else in the worker project's output of the same configuration and framework.</summary>
    public static string DllPath
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "rag-worker.dll");
            if (File.Exists(beside))
            {
                return beside;
            }

            var output = new DirectoryInfo(AppContext.BaseDirectory);
            return Path.Combine(RepoPaths.Root, "ingest", "Rag.Ingest.Worker", "bin", output.Parent!.Name, output.Name, "rag-worker.dll");
        }
    }

    /// <summary>Starts the worker over <paramref name="dataDirectory"/> with the models in <paramref name="modelsDirectory"/> (default: <see cref="TestModels.ModelsRoot"/>).</summary>
    public static WorkerProcess Start(string dataDirectory, string? modelsDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(DllPath);
        start.Environment["RAG_HOME"] = RepoPaths.Root;
        start.Environment["RAG_DATA"] = dataDirectory;
        start.Environment["RAG_MODELS"] = modelsDirectory ?? TestModels.ModelsRoot;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var worker = new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("The worker did not start."));
        worker._process.OutputDataReceived += (_, e) => worker.Add(e.Data);
        worker._process.ErrorDataReceived += (_, e) => worker.Add(e.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits until a line contains <paramref name="text"/>; fails with everything printed so far.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (deadline.Elapsed > timeout || _process.HasExited)
            {
                Assert.Fail($"No line with '{text}' within {timeout} (exited: {_process.HasExited}). Output:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends SIGTERM (what <c>docker stop</c> and systemd send), as the kill command does.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
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

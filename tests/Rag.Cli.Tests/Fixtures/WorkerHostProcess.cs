using System.Collections.Concurrent;
using System.Diagnostics;
using Rag.Testing;

namespace Rag.Cli.Tests.Fixtures;

/// <summary>The built worker host (rag-worker.dll, what <c>./rag worker</c> runs) as a real process over a harness's data directory.</summary>
internal sealed class WorkerHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private WorkerHostProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string Output => string.Join('\n', _lines);

    public static WorkerHostProcess Start(RagPaths paths)
    {
        // The test project builds the worker without referencing it: its output sits beside ours, same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var dll = Path.Combine(RepoPaths.Root, "ingest", "Rag.Ingest.Worker", "bin", configuration, framework, "rag-worker.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.Environment["RAG_HOME"] = RepoPaths.Root;
        start.Environment["RAG_DATA"] = paths.DataDirectory;
        start.Environment["RAG_MODELS"] = paths.ModelsDirectory;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var worker = new WorkerHostProcess(Process.Start(start) ?? throw new InvalidOperationException("The worker did not start."));
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

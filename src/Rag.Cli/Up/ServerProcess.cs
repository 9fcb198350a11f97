using System.Diagnostics;
using Rag.Core.Text;

namespace Rag.Cli.Up;

/// <summary>
/// One child of <c>rag up</c> (the web app or the worker host), started as <c>dotnet APP.dll</c> with the data
/// directory, models and settings of this command line. Every line it prints is relayed with its name in front
/// (control characters escaped). Stopping sends SIGTERM (both hosts then finish or release their work and exit 0) and,
/// after <paramref name="name"/>'s grace period, kills it with everything it started.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TextWriter _output;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(string name, Process process, TextWriter output)
    {
        Name = name;
        _process = process;
        _output = output;
    }

    public string Name { get; }

    public int Id => _process.Id;

    /// <summary>Completes with the exit code when the process ends, for whatever reason.</summary>
    public Task<int> Exited => _exited.Task;

    public static ServerProcess Start(string name, string app, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TextWriter output)
    {
        var start = new ProcessStartInfo(HostApps.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(name, process, output);
        process.OutputDataReceived += (_, e) => server.Relay(e.Data);
        process.ErrorDataReceived += (_, e) => server.Relay(e.Data);
        process.Exited += (_, _) => server._exited.TrySetResult(process.ExitCode);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name} did not start ({start.FileName} {app}).");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Asks the process to stop (SIGTERM; on Windows, where there is none, it is killed) and waits up to <paramref name="grace"/>, then kills its process tree. Returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!_exited.Task.IsCompleted && !ProcessSignals.Terminate(_process.Id))
        {
            Kill();
        }

        var finished = await Task.WhenAny(_exited.Task, Task.Delay(grace));
        if (finished != _exited.Task)
        {
            WriteLine(_output, $"rag up: {Name} did not stop within {grace.TotalSeconds:0} s; killing it.");
            Kill();
        }

        var code = await _exited.Task;

        // The exit event can come before the last lines are read: wait for the end of both streams.
        await _process.WaitForExitAsync();
        return code;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_exited.Task.IsCompleted)
        {
            await StopAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void Relay(string? line)
    {
        if (line is not null)
        {
            WriteLine(_output, $"{Name} | {TerminalText.Escape(line)}");
        }
    }

    /// <summary>Writes one whole line: both children and <c>rag up</c> itself write from their own threads.</summary>
    public static void WriteLine(TextWriter output, string line)
    {
        lock (output)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Rag.Egress.Tests.SystemCalls;

/// <summary>
/// One product process (<c>dotnet rag.dll ...</c> or <c>dotnet Rag.Web.dll ...</c>) run under
/// <c>strace -f</c>, which follows every thread and child and writes each connect/send with its socket address to a
/// file. The child's environment is the test's minus <c>ORT_DISABLE_TELEMETRY</c> and every <c>Rag__*</c>/<c>RAG_*</c>
/// setting, plus the given ones: what is proven is the product's own behaviour, not the shell's.
/// </summary>
internal sealed class TracedProcess : IAsyncDisposable
{
    private readonly Process _strace;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private TracedProcess(Process strace, string traceFile)
    {
        _strace = strace;
        TraceFile = traceFile;
    }

    public string TraceFile { get; }

    /// <summary>Since the process was started.</summary>
    public TimeSpan Uptime => _clock.Elapsed;

    /// <summary>Standard output and error so far, interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public int? ExitCode => _strace.HasExited ? _strace.ExitCode : null;

    public static TracedProcess Start(string strace, string traceFile, string assembly, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(strace)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in (string[])["-f", "-qq", "--seccomp-bpf", "-e", "trace=connect,sendto,sendmsg,sendmmsg", "-o", traceFile, "--", DotnetHost(), assembly, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name == "ORT_DISABLE_TELEMETRY" || name.StartsWith("Rag__", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("RAG_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var traced = new TracedProcess(process, traceFile);
        process.OutputDataReceived += (_, e) => traced.Append(e.Data);
        process.ErrorDataReceived += (_, e) => traced.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return traced;
    }

    public async Task WriteLineAsync(string line)
    {
        await _strace.StandardInput.WriteLineAsync(line);
        await _strace.StandardInput.FlushAsync();
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_strace.HasExited || deadline.Elapsed > timeout)
            {
                throw new InvalidOperationException($"'{text}' never appeared (exit code {ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none yet"}). Output:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits for the process to end by itself (strace ends with it and has written the whole trace).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _strace.WaitForExitAsync(cancel.Token);
        return _strace.ExitCode;
    }

    /// <summary>Kills the traced process (not strace), so strace sees it end and finishes the trace file.</summary>
    public async Task StopTracedAsync(TimeSpan timeout)
    {
        foreach (var pid in Children())
        {
            try
            {
                using var child = Process.GetProcessById(pid);
                child.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        await WaitForExitAsync(timeout);
    }

    /// <summary>
    /// Sends SIGTERM to the traced process (not strace), as Ctrl+C's neighbour <c>kill</c> or <c>docker stop</c> would, and
    /// waits for it and everything it started to end (strace ends last, with the whole trace written). Returns its exit code.
    /// </summary>
    public async Task<int> TerminateTracedAsync(TimeSpan timeout)
    {
        foreach (var pid in Children())
        {
            using var kill = Process.Start("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_strace.HasExited)
        {
            await StopTracedAsync(TimeSpan.FromSeconds(10));
        }

        _strace.Dispose();
    }

    private List<int> Children()
    {
        var file = $"/proc/{_strace.Id}/task/{_strace.Id}/children";
        return File.Exists(file)
            ? File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList()
            : [];
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }

    // The host that runs the tests (DOTNET_HOST_PATH is set by dotnet test), so the children use the same runtime.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";
}

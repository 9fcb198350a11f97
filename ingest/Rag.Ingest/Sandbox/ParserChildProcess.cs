using System.Diagnostics;
using System.Globalization;
using Rag.Ingest.Readers;

namespace Rag.Ingest.Sandbox;

/// <summary>
/// One long-lived parser child. Each <see cref="ParseAsync"/> runs under a wall-clock deadline and a resident-memory
/// watch; past either the child is killed and the document fails with the reason. A child that died, was killed, or
/// asked to be recycled is no longer <see cref="Usable"/>.
/// </summary>
internal sealed class ParserChildProcess : IDisposable
{
    private static readonly TimeSpan MemoryPollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly StderrTail _stderr = new();
    private readonly long _memoryLimitBytes;
    private string? _killReason;
    private bool _faulted;

    private ParserChildProcess(Process process, long memoryLimitBytes)
    {
        _process = process;
        _memoryLimitBytes = memoryLimitBytes;
    }

    /// <summary>The child's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>False once the child died, was killed or must not be reused.</summary>
    public bool Usable => !_faulted && !_process.HasExited;

    /// <summary>How long a child may take to start and say it is ready.</summary>
    public static readonly TimeSpan StartTimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>Starts a child and waits for its ready frame; its managed heap is capped below <paramref name="memoryLimitBytes"/> so most runaway parsers fail cleanly before the kill.</summary>
    public static async Task<ParserChildProcess> StartAsync(ParseHostCommand command, long memoryLimitBytes, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_GCHeapHardLimit"] = (memoryLimitBytes / 4 * 3).ToString("X", CultureInfo.InvariantCulture);
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        info.Environment["DOTNET_EnableCrashReport"] = "0";

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new DocumentReadException($"the parser process '{command.FileName}' did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new DocumentReadException($"the parser process '{command.FileName}' cannot start: {ex.Message}", ex);
        }

        var child = new ParserChildProcess(process, memoryLimitBytes);
        process.ErrorDataReceived += (_, e) => child._stderr.Add(e.Data);
        process.BeginErrorReadLine();
        try
        {
            await child.WaitReadyAsync(command, cancellationToken);
        }
        catch
        {
            child.Kill("not started");
            child.Dispose();
            throw;
        }

        return child;
    }

    /// <summary>Sends <paramref name="request"/> and waits for the answer; a kill or crash ends as <see cref="DocumentReadException"/>.</summary>
    public async Task<ParseResponse> ParseAsync(ParseRequest request, TimeSpan timeLimit, long maxResponseBytes, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var deadline = new CancellationTokenSource(timeLimit);
        await using var onDeadline = deadline.Token.Register(() => Kill("parser exceeded " + Seconds(timeLimit)));
        await using var onCancel = cancellationToken.Register(() => Kill("cancelled"));
        var watch = WatchMemoryAsync(stop.Token);
        try
        {
            await ParseProtocol.WriteAsync(_process.StandardInput.BaseStream, request, CancellationToken.None);
            var response = await ParseProtocol.ReadAsync<ParseResponse>(_process.StandardOutput.BaseStream, maxResponseBytes, CancellationToken.None);
            if (response is null)
            {
                throw await DiedAsync(cancellationToken);
            }

            _faulted |= response.Recycle;
            return response;
        }
        catch (IOException)
        {
            throw await DiedAsync(cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            Kill("invalid answer");
            throw new DocumentReadException("the parser process sent an invalid answer: " + ex.Message, ex);
        }
        finally
        {
            await stop.CancelAsync();
            await watch;
        }
    }

    private async Task WaitReadyAsync(ParseHostCommand command, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(StartTimeLimit);
        await using var onLimit = limit.Token.Register(() => Kill("not started"));
        ParseReady? ready = null;
        try
        {
            ready = await ParseProtocol.ReadAsync<ParseReady>(_process.StandardOutput.BaseStream, 4096, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            // Reported below.
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (ready is null)
        {
            throw new DocumentReadException(
                $"the parser process '{command.FileName}' did not start (its program must call ParseChild.RunIfRequestedAsync first; limit {StartTimeLimit.TotalSeconds:0} s)");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close(); // a clean end: the child's loop sees end of input
                if (!_process.WaitForExit(1000))
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private async Task<Exception> DiedAsync(CancellationToken cancellationToken)
    {
        _faulted = true;
        using (var wait = new CancellationTokenSource(ExitWait))
        {
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                Kill("no answer");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (Volatile.Read(ref _killReason) is { } reason and not "no answer")
        {
            return new DocumentReadException(reason);
        }

        var exitCode = _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "none";
        if (_stderr.StackOverflow)
        {
            return new DocumentReadException($"parser crashed: stack overflow (exit code {exitCode})");
        }

        return _stderr.OutOfMemory
            ? new DocumentReadException(OutOfMemoryReason())
            : new DocumentReadException($"parser crashed (exit code {exitCode})");
    }

    private async Task WatchMemoryAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested && !_process.HasExited)
            {
                if (ChildMemory.ResidentBytes(_process) > _memoryLimitBytes)
                {
                    Kill(OutOfMemoryReason());
                    return;
                }

                await Task.Delay(MemoryPollInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The parse ended.
        }
    }

    /// <summary>The reason for a child that ran out of memory, naming the limit.</summary>
    public string OutOfMemoryReason() => $"parser ran out of memory (limit {ChildMemory.Format(_memoryLimitBytes)})";

    private void Kill(string reason)
    {
        _faulted = true;
        Interlocked.CompareExchange(ref _killReason, reason, null);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already exited.
        }
    }

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}

using System.Diagnostics;

namespace Rag.Bench.Ingest;

/// <summary>
/// Measures one phase: wall clock, process CPU time, and the peak working set sampled every few milliseconds
/// (the OS's own peak covers the whole process lifetime, so it cannot tell phases apart).
/// </summary>
internal sealed class PhaseMeter : IAsyncDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(20);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart = Environment.CpuUsage.TotalTime;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peak = Environment.WorkingSet;

    private PhaseMeter()
    {
        _sampler = SampleAsync(_stop.Token);
    }

    public static PhaseMeter Start() => new();

    /// <summary>Stops the clock and returns the phase's figures.</summary>
    public async Task<StageMeasurement> StopAsync(string stage, int files, int pages, int chunks)
    {
        _clock.Stop();
        var cpu = Environment.CpuUsage.TotalTime - _cpuAtStart;
        Sample();
        await _stop.CancelAsync();
        await _sampler;
        return new StageMeasurement(stage, _clock.Elapsed.TotalSeconds, cpu.TotalSeconds, files, pages, chunks, Interlocked.Read(ref _peak));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SampleInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        var current = Environment.WorkingSet;
        long seen;
        while (current > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, current, seen) != seen)
        {
        }
    }
}

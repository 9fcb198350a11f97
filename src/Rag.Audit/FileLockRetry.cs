namespace Rag.Audit;

/// <summary>
/// Opens a file another process may hold locked (the key being generated, a checkpoint being appended): retries every
/// <see cref="Delay"/> while the open fails with an <see cref="IOException"/>, until <see cref="Timeout"/> has passed on
/// the clock, and then lets that exception through. The one retry loop of the audit key and checkpoint files.
/// </summary>
internal sealed class FileLockRetry
{
    /// <summary>What the audit files use: 10 seconds, retried every 20 ms, on the system clock.</summary>
    public static FileLockRetry Default { get; } = new(TimeProvider.System, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));

    private readonly TimeProvider _time;

    public FileLockRetry(TimeProvider time, TimeSpan timeout, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        _time = time;
        Timeout = timeout;
        Delay = delay;
    }

    /// <summary>How long a lock is waited for before the open fails.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The pause between two tries.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Runs <paramref name="open"/> until it succeeds or the timeout passes (then its <see cref="IOException"/> is thrown).</summary>
    public T Open<T>(Func<T> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        var deadline = _time.GetUtcNow() + Timeout;
        while (true)
        {
            try
            {
                return open();
            }
            catch (IOException) when (_time.GetUtcNow() < deadline)
            {
                Thread.Sleep(Delay);
            }
        }
    }

    /// <inheritdoc cref="Open{T}(Func{T})"/>
    public async Task<T> OpenAsync<T>(Func<T> open, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        var deadline = _time.GetUtcNow() + Timeout;
        while (true)
        {
            try
            {
                return open();
            }
            catch (IOException) when (_time.GetUtcNow() < deadline)
            {
                await Task.Delay(Delay, cancellationToken);
            }
        }
    }
}

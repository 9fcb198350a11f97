using Microsoft.Extensions.Time.Testing;
using Rag.Testing;

namespace Rag.Audit.Tests;

public sealed class FileLockRetryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();

    [Fact]
    public void Open_LockReleasedWhileWaiting_OpensTheFile()
    {
        var path = _temp.Combine("held.lock");
        var holder = LockExclusive(path);
        var attempts = 0;
        var retry = new FileLockRetry(new FakeTimeProvider(Start) { AutoAdvanceAmount = TimeSpan.FromSeconds(1) }, TimeSpan.FromSeconds(10), TimeSpan.Zero);

        using var opened = retry.Open(() =>
        {
            if (++attempts == 3)
            {
                holder.Dispose(); // the other writer finishes
            }

            return LockExclusive(path);
        });

        Assert.Equal(3, attempts);
        Assert.Equal(path, opened.Name);
    }

    [Fact]
    public void Open_LockHeldPastTheTimeout_ThrowsTheIOExceptionOnTheClock()
    {
        var path = _temp.Combine("held.lock");
        using var holder = LockExclusive(path);
        var attempts = 0;

        // Every reading of the fake clock moves it 4 s on: tries at +4 s and +8 s are retried, the one at +12 s is the last.
        var retry = new FileLockRetry(new FakeTimeProvider(Start) { AutoAdvanceAmount = TimeSpan.FromSeconds(4) }, TimeSpan.FromSeconds(10), TimeSpan.Zero);

        Assert.ThrowsAny<IOException>(() => retry.Open(() =>
        {
            attempts++;
            return LockExclusive(path);
        }));
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task OpenAsync_LockReleasedWhileWaiting_OpensTheFile()
    {
        var path = _temp.Combine("held.lock");
        var holder = LockExclusive(path);
        var attempts = 0;
        var retry = new FileLockRetry(new FakeTimeProvider(Start) { AutoAdvanceAmount = TimeSpan.FromSeconds(1) }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(1));

        await using var opened = await retry.OpenAsync(() =>
        {
            if (++attempts == 2)
            {
                holder.Dispose();
            }

            return LockExclusive(path);
        });

        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task OpenAsync_Cancelled_StopsWaiting()
    {
        var path = _temp.Combine("held.lock");
        using var holder = LockExclusive(path);
        using var cancellation = new CancellationTokenSource();
        var retry = new FileLockRetry(new FakeTimeProvider(Start), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));

        var open = retry.OpenAsync(() => LockExclusive(path), cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => open);
    }

    [Fact]
    public void Ctor_NegativeTimeout_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FileLockRetry(TimeProvider.System, TimeSpan.FromSeconds(-1), TimeSpan.Zero));

    [Fact]
    public void Default_WaitsTenSecondsRetryingEvery20Ms()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), FileLockRetry.Default.Timeout);
        Assert.Equal(TimeSpan.FromMilliseconds(20), FileLockRetry.Default.Delay);
    }

    public void Dispose() => _temp.Dispose();

    private static FileStream LockExclusive(string path) => new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
}

namespace Rag.Web.Accounts;

/// <summary>
/// Runs changes that can take away an account's Admin role or lock it one at a time, so that two admins taking each
/// other's role (or locking each other) at once cannot both pass <see cref="AdminGuard"/>'s last-admin check.
/// One app owns <c>accounts.db</c>, so a lock in the process is enough.
/// </summary>
internal sealed class AdminChangeGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await change();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}

using Microsoft.Data.Sqlite;

namespace Rag.Storage.Sqlite;

/// <summary>
/// The one <c>rag.db</c> shared by the SQLite catalog, vector index and keyword index: a single writer connection behind
/// a gate, pooled reader connections, and an ambient write, so that an index called inside the catalog's transaction
/// (<see cref="Rag.Core.Storage.IDocumentCatalog.ReplaceDocumentAsync"/>) joins it instead of waiting for the gate.
/// </summary>
internal sealed class SqliteStore : IDisposable
{
    private readonly AsyncLocal<SqliteWrite?> _ambient = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _disposed;

    public SqliteStore(string path, string connectionString, SqliteConnection writer)
    {
        DatabasePath = path;
        ConnectionString = connectionString;
        Writer = writer;
    }

    public string DatabasePath { get; }

    public string ConnectionString { get; }

    /// <summary>The writer; use only inside <see cref="WriteAsync{T}"/> (or before the store is shared, at open).</summary>
    public SqliteConnection Writer { get; }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and commits it, then runs the actions registered with
    /// <see cref="AfterCommit"/>. Called while another write of this flow is open, it joins that transaction: the
    /// outer write commits (or rolls back) everything.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        if (_ambient.Value is { } open)
        {
            return await work(open.Transaction, cancellationToken);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = Writer.BeginTransaction(deferred: false);
            var write = new SqliteWrite(transaction);
            _ambient.Value = write;
            T result;
            try
            {
                result = await work(transaction, cancellationToken);
            }
            finally
            {
                _ambient.Value = null;
            }

            if (write.Cancelled)
            {
                return result;
            }

            await transaction.CommitAsync(cancellationToken);
            foreach (var action in write.AfterCommit)
            {
                action();
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> holding the write gate but opening no transaction: nothing of this store commits
    /// meanwhile (the change log reader uses it, so an older read never overtakes this process's own write).
    /// </summary>
    public async Task<T> ExclusiveAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return work();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <paramref name="action"/> after the current write commits (never when it rolls back).</summary>
    public void AfterCommit(Action action) =>
        (_ambient.Value ?? throw new InvalidOperationException("No write is open.")).AfterCommit.Add(action);

    /// <summary>Ends the current write without committing (its transaction rolls back on dispose).</summary>
    public void RollBack() => (_ambient.Value ?? throw new InvalidOperationException("No write is open.")).Cancelled = true;

    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Writer.Dispose();
        using (var pooled = new SqliteConnection(ConnectionString))
        {
            // Close the idle reader connections too, so the file is released (and the WAL checkpointed) now.
            SqliteConnection.ClearPool(pooled);
        }

        _gate.Dispose();
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Rag.Storage.Logging;

namespace Rag.Storage.Sqlite;

/// <summary>
/// Keeps one process's in-memory vectors in step with what other processes commit to the same <c>rag.db</c>: every
/// <c>interval</c> it asks its own connection for <c>PRAGMA data_version</c> (a counter that moves only when another
/// connection committed; no file read), and only when it moved applies the change log's new rows
/// (<see cref="SqliteVectorIndex.Refresh"/>). Searches never wait for it.
/// </summary>
internal sealed class IndexChangeWatcher : IDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly SqliteStore _store;
    private readonly SqliteVectorIndex _vectors;
    private readonly SqliteDocumentCatalog _catalog;
    private readonly ILogger _logger;
    private readonly SqliteConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private long _dataVersion = -1;
    private Task? _loop;
    private int _disposed;

    public IndexChangeWatcher(SqliteStore store, SqliteVectorIndex vectors, SqliteDocumentCatalog catalog, ILogger logger)
    {
        _store = store;
        _vectors = vectors;
        _catalog = catalog;
        _logger = logger;
        // Its own connection, never pooled: data_version counts the commits of connections other than the one asking.
        _connection = new SqliteConnection(SqliteFiles.ConnectionString(store.DatabasePath, pooling: false));
        _connection.Open();
    }

    /// <summary>Starts polling every <paramref name="interval"/>.</summary>
    public void Start(TimeSpan interval) => _loop = Task.Run(() => PollLoopAsync(interval, _stop.Token));

    /// <summary>
    /// Applies other processes' committed changes if <c>data_version</c> moved since the last call.
    /// </summary>
    /// <returns>True when it looked at the change log.</returns>
    public Task<bool> PollAsync(CancellationToken cancellationToken = default) =>
        _store.ExclusiveAsync(
            () =>
            {
                var version = DataVersion();
                if (version == _dataVersion)
                {
                    return false;
                }

                var applied = _vectors.Refresh(_connection, cancellationToken);
                _catalog.AdoptModel(_vectors.Model);
                _dataVersion = version;
                if (applied < 0)
                {
                    _logger.VectorsReloaded(_vectors.Count);
                }
                else if (applied > 0)
                {
                    _logger.ChangesApplied(applied, _vectors.AppliedSeq);
                }

                return true;
            },
            cancellationToken);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        try
        {
            _loop?.Wait(StopTimeout);
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation; anything else it met was logged already.
        }

        _connection.Dispose();
        _stop.Dispose();
    }

    private long DataVersion()
    {
        using var command = _connection.Command("PRAGMA data_version;");
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task PollLoopAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await PollAsync(cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException && exception is not ObjectDisposedException)
                {
                    _logger.ChangesNotApplied(exception, _store.DatabasePath);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        catch (ObjectDisposedException)
        {
            // The store closed under a poll; stopping anyway.
        }
    }
}

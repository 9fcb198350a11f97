using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rag.Core.Ids;
using Rag.Core.Ingestion;
using Rag.Storage.Sqlite;

namespace Rag.Storage.Queue;

/// <summary>
/// The ingestion queue in <c>rag.db</c> (tables <c>ingest_jobs</c> and <c>ingest_workers</c>, schema version 5). Every
/// call opens its own connection, so instances in several processes (or several in one) share the queue: the file is in
/// WAL mode, connections wait on a busy file (busy timeout) rather than fail, and a claim reads and takes its job inside
/// one <c>BEGIN IMMEDIATE</c> transaction, which holds the file's single write lock from the first read, so no two
/// claims can see the same job as free.
/// </summary>
public sealed class SqliteIngestJobStore : IIngestJobStore
{
    private const int BusyTimeoutMs = 30_000;
    private const string Running = $"('{IngestJobStates.Parsing}', '{IngestJobStates.Embedding}')";
    private readonly string _connectionString;
    private readonly int _maxAttempts;
    private readonly TimeProvider _time;

    private SqliteIngestJobStore(string path, int maxAttempts, TimeProvider time)
    {
        DatabasePath = path;
        _connectionString = SqliteFiles.ConnectionString(path, pooling: true);
        _maxAttempts = maxAttempts;
        _time = time;
    }

    /// <summary>Full path of <c>rag.db</c>.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Opens the queue in <c>rag.db</c> inside <paramref name="dataDirectory"/>, creating or migrating the file when needed.
    /// <paramref name="maxAttempts"/> is <see cref="IngestWorkerOptions.MaxAttempts"/>.
    /// </summary>
    public static SqliteIngestJobStore Open(string dataDirectory, int maxAttempts, TimeProvider? timeProvider = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        logger ??= NullLogger.Instance;
        var path = Path.Combine(Path.GetFullPath(dataDirectory), SqliteDocumentIndex.FileName);
        PrivateFiles.EnsureDatabase(path);
        var store = new SqliteIngestJobStore(path, maxAttempts, timeProvider ?? TimeProvider.System);
        using var connection = store.OpenConnection();
        SqliteFiles.ConfigureWriter(connection, fullSync: false, logger);
        IndexSchema.Migrate(connection, logger, cancellationToken);
        return store;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IngestJob>> EnqueueAsync(IReadOnlyList<IngestJobRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var ids = requests.Select(Validate).ToList();
        return WriteAsync<IReadOnlyList<IngestJob>>((connection, transaction, now) =>
        {
            var jobs = new List<IngestJob>(requests.Count);
            for (var i = 0; i < requests.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var latest = Latest(connection, transaction, ids[i]);
                var keep = latest is { State: IngestJobState.Queued or IngestJobState.Parsing or IngestJobState.Embedding }
                    || latest is { State: IngestJobState.Failed, Request.ContentHash: { } failedHash } && string.Equals(failedHash, requests[i].ContentHash, StringComparison.Ordinal);
                jobs.Add(keep ? latest! : Insert(connection, transaction, requests[i], ids[i], now));
            }

            return jobs;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IngestJob?> ClaimAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return WriteAsync((connection, transaction, now) =>
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var find = connection.Command(
                    $"""
                    SELECT job_id, state, attempts FROM ingest_jobs
                    WHERE (state = '{IngestJobStates.Queued}' AND due_ms <= $now) OR (state IN {Running} AND lease_until_ms <= $now)
                    ORDER BY job_id LIMIT 1;
                    """, transaction);
                find.Parameters.AddWithValue("$now", now);
                using var reader = find.ExecuteReader();
                if (!reader.Read())
                {
                    return (IngestJob?)null;
                }

                var (jobId, expired, attempts) = (reader.GetInt64(0), reader.GetString(1) != IngestJobStates.Queued, reader.GetInt32(2));
                reader.Close();
                if (expired && attempts >= _maxAttempts)
                {
                    // Its worker died on it every time it was tried (a crash the parser sandbox could not contain): park it.
                    Update(connection, transaction, jobId, now, $"state = '{IngestJobStates.Failed}', worker_id = NULL, lease_until_ms = NULL, reason = $reason",
                        ("$reason", $"gave up after {attempts} attempts: the worker processing it stopped each time (lease expired)"));
                    continue;
                }

                Update(connection, transaction, jobId, now,
                    $"""
                    state = '{IngestJobStates.Parsing}', attempts = attempts + 1, worker_id = $worker, lease_until_ms = $lease,
                    pages_done = 0, pages_total = 0, chunks_done = 0, chunks_total = 0, reason = CASE WHEN $expired THEN $expiredReason ELSE reason END
                    """,
                    ("$worker", workerId), ("$lease", now + (long)lease.TotalMilliseconds), ("$expired", expired), ("$expiredReason", "the worker of the previous attempt stopped (lease expired)"));
                return Get(connection, transaction, jobId);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> HeartbeatAsync(long jobId, string workerId, TimeSpan lease, IngestJobProgress progress, CancellationToken cancellationToken = default) =>
        ReportCoreAsync(jobId, workerId, null, lease, progress, cancellationToken);

    /// <inheritdoc />
    public Task<bool> ReportAsync(long jobId, string workerId, IngestJobState state, TimeSpan lease, IngestJobProgress progress, CancellationToken cancellationToken = default)
    {
        if (state is not (IngestJobState.Parsing or IngestJobState.Embedding))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "A held job can only be parsing or embedding; end it with CompleteAsync.");
        }

        return ReportCoreAsync(jobId, workerId, state, lease, progress, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(long jobId, string workerId, IngestJobOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.State is not (IngestJobState.Indexed or IngestJobState.Failed or IngestJobState.Skipped))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome.State, "A job ends indexed, failed or skipped.");
        }

        return WriteAsync((connection, transaction, now) =>
        {
            using var find = connection.Command($"SELECT attempts FROM ingest_jobs WHERE job_id = $id AND worker_id = $worker AND state IN {Running};", transaction);
            find.Parameters.AddWithValue("$id", jobId);
            find.Parameters.AddWithValue("$worker", workerId);
            if (find.ExecuteScalar() is not long attempts)
            {
                return false;
            }

            var retry = outcome is { State: IngestJobState.Failed, RetryAfter: { } after };
            var again = retry && attempts < _maxAttempts;
            var reason = retry && !again ? $"{outcome.Reason} (gave up after {attempts} attempts)" : outcome.Reason;
            var state = again ? IngestJobStates.Queued : IngestJobStates.ToText(outcome.State);
            Update(connection, transaction, jobId, now,
                """
                state = $state, reason = $reason, worker_id = NULL, lease_until_ms = NULL, due_ms = $due, content_hash = coalesce($hash, content_hash),
                pages_done = $pagesDone, pages_total = $pagesTotal, chunks_done = $chunksDone, chunks_total = $chunksTotal
                """,
                ("$state", state), ("$reason", reason), ("$due", again ? now + (long)outcome.RetryAfter!.Value.TotalMilliseconds : now), ("$hash", outcome.ContentHash),
                ("$pagesDone", outcome.Progress.PagesDone), ("$pagesTotal", outcome.Progress.PagesTotal), ("$chunksDone", outcome.Progress.ChunksDone), ("$chunksTotal", outcome.Progress.ChunksTotal));
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task ReleaseAsync(long jobId, string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        return WriteAsync((connection, transaction, now) => UpdateHeld(connection, transaction, jobId, workerId, now,
            $"""
            state = '{IngestJobStates.Queued}', attempts = max(attempts - 1, 0), worker_id = NULL, lease_until_ms = NULL, due_ms = $now,
            pages_done = 0, pages_total = 0, chunks_done = 0, chunks_total = 0
            """), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IngestJob>> ListAsync(IngestJobQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        await using var connection = OpenConnection();
        await using var command = connection.Command(string.Empty);
        var where = new List<string>();
        if (query.BatchId is { } batch)
        {
            where.Add("batch_id = $batch");
            command.Parameters.AddWithValue("$batch", batch);
        }

        if (query.SetName is { } set)
        {
            where.Add("set_name = $set");
            command.Parameters.AddWithValue("$set", set);
        }

        if (query.States is { } states)
        {
            var names = states.Select((s, i) => (Name: $"$s{i}", Value: IngestJobStates.ToText(s))).ToList();
            where.Add(names.Count == 0 ? "0" : $"state IN ({string.Join(", ", names.Select(n => n.Name))})");
            names.ForEach(n => command.Parameters.AddWithValue(n.Name, n.Value));
        }

        if (query.JobIds is { } jobIds)
        {
            // One JSON parameter rather than one per id: no limit on how many ids a query may name.
            where.Add("job_id IN (SELECT value FROM json_each($ids))");
            command.Parameters.AddWithValue("$ids", System.Text.Json.JsonSerializer.Serialize(jobIds));
        }

        command.CommandText = $"SELECT {IngestJobRows.Columns} FROM ingest_jobs {(where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where))} ORDER BY job_id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", query.Limit);
        return await IngestJobRows.ReadAllAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public Task WorkerHeartbeatAsync(IngestWorkerInfo worker, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentException.ThrowIfNullOrWhiteSpace(worker.WorkerId);
        return WriteAsync((connection, transaction, now) =>
        {
            using var command = connection.Command(
                """
                INSERT INTO ingest_workers (worker_id, host, process_id, execution_provider, started_ms, last_seen_ms)
                VALUES ($id, $host, $pid, $provider, $started, $now)
                ON CONFLICT(worker_id) DO UPDATE SET execution_provider = excluded.execution_provider, last_seen_ms = excluded.last_seen_ms;
                """, transaction);
            command.Parameters.AddWithValue("$id", worker.WorkerId);
            command.Parameters.AddWithValue("$host", worker.Host);
            command.Parameters.AddWithValue("$pid", worker.ProcessId);
            command.Parameters.AddWithValue("$provider", worker.ExecutionProvider);
            command.Parameters.AddWithValue("$started", worker.StartedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$now", now);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IngestWorkerInfo>> LiveWorkersAsync(TimeSpan within, CancellationToken cancellationToken = default)
    {
        await using var connection = OpenConnection();
        await using var command = connection.Command(
            "SELECT worker_id, host, process_id, execution_provider, started_ms, last_seen_ms FROM ingest_workers WHERE last_seen_ms >= $since ORDER BY started_ms;");
        command.Parameters.AddWithValue("$since", Now() - (long)within.TotalMilliseconds);
        var workers = new List<IngestWorkerInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            workers.Add(new IngestWorkerInfo(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }

        return workers;
    }

    private static string Validate(IngestJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.FullPath) || string.IsNullOrWhiteSpace(request.RelativePath) || string.IsNullOrWhiteSpace(request.Actor) || string.IsNullOrWhiteSpace(request.BatchId))
        {
            throw new ArgumentException("An ingest job needs a full path, a relative path, an actor and a batch id.", nameof(request));
        }

        return DocumentIds.For(request.SetName, request.RelativePath);
    }

    private static IngestJob? Latest(SqliteConnection connection, SqliteTransaction transaction, string documentId)
    {
        using var command = connection.Command($"SELECT {IngestJobRows.Columns} FROM ingest_jobs WHERE document_id = $id ORDER BY job_id DESC LIMIT 1;", transaction);
        command.Parameters.AddWithValue("$id", documentId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? IngestJobRows.Read(reader) : null;
    }

    private static IngestJob Get(SqliteConnection connection, SqliteTransaction transaction, long jobId)
    {
        using var command = connection.Command($"SELECT {IngestJobRows.Columns} FROM ingest_jobs WHERE job_id = $id;", transaction);
        command.Parameters.AddWithValue("$id", jobId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? IngestJobRows.Read(reader) : throw new InvalidOperationException($"Job {jobId} vanished inside its transaction.");
    }

    private static IngestJob Insert(SqliteConnection connection, SqliteTransaction transaction, IngestJobRequest request, string documentId, long now)
    {
        using var command = connection.Command(
            $"""
            INSERT INTO ingest_jobs (batch_id, set_name, document_id, full_path, relative_path, content_hash, actor, state, due_ms, created_ms, updated_ms)
            VALUES ($batch, $set, $document, $full, $relative, $hash, $actor, '{IngestJobStates.Queued}', $now, $now, $now)
            RETURNING job_id;
            """, transaction);
        command.Parameters.AddWithValue("$batch", request.BatchId);
        command.Parameters.AddWithValue("$set", request.SetName);
        command.Parameters.AddWithValue("$document", documentId);
        command.Parameters.AddWithValue("$full", request.FullPath);
        command.Parameters.AddWithValue("$relative", request.RelativePath);
        command.Parameters.AddWithValue("$hash", (object?)request.ContentHash ?? DBNull.Value);
        command.Parameters.AddWithValue("$actor", request.Actor);
        command.Parameters.AddWithValue("$now", now);
        return Get(connection, transaction, (long)command.ExecuteScalar()!);
    }

    private static void Update(SqliteConnection connection, SqliteTransaction transaction, long jobId, long now, string set, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Command($"UPDATE ingest_jobs SET {set}, updated_ms = $now WHERE job_id = $id;", transaction);
        command.Parameters.AddWithValue("$id", jobId);
        command.Parameters.AddWithValue("$now", now);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    private static bool UpdateHeld(SqliteConnection connection, SqliteTransaction transaction, long jobId, string workerId, long now, string set, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Command($"UPDATE ingest_jobs SET {set}, updated_ms = $now WHERE job_id = $id AND worker_id = $worker AND state IN {Running};", transaction);
        command.Parameters.AddWithValue("$id", jobId);
        command.Parameters.AddWithValue("$worker", workerId);
        command.Parameters.AddWithValue("$now", now);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery() == 1;
    }

    private Task<bool> ReportCoreAsync(long jobId, string workerId, IngestJobState? state, TimeSpan lease, IngestJobProgress progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return WriteAsync((connection, transaction, now) => UpdateHeld(connection, transaction, jobId, workerId, now,
            """
            state = coalesce($state, state), lease_until_ms = $lease,
            pages_done = $pagesDone, pages_total = $pagesTotal, chunks_done = $chunksDone, chunks_total = $chunksTotal
            """,
            ("$state", state is { } s ? IngestJobStates.ToText(s) : null), ("$lease", now + (long)lease.TotalMilliseconds),
            ("$pagesDone", progress.PagesDone), ("$pagesTotal", progress.PagesTotal), ("$chunksDone", progress.ChunksDone), ("$chunksTotal", progress.ChunksTotal)), cancellationToken);
    }

    // Microsoft.Data.Sqlite does its I/O synchronously, and waiting for the write lock can take a while when other
    // processes write: run on the thread pool so that no caller's thread is blocked.
    private Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, long, T> work, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                using var connection = OpenConnection();
                // BEGIN IMMEDIATE: the write lock is taken before the first read, so what the work reads cannot change under it.
                using var transaction = connection.BeginTransaction(deferred: false);
                var result = work(connection, transaction, Now());
                transaction.Commit();
                return result;
            },
            cancellationToken);

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            connection.Execute($"PRAGMA busy_timeout = {BusyTimeoutMs};");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}

using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit.Verification;
using Rag.Audit.Logging;
using Rag.Storage.Sqlite;
using Rag.Storage;

namespace Rag.Audit;

/// <summary>
/// The audit trail in <c>audit.db</c>, a file of its own beside <c>rag.db</c> (an ingest holding the index's write
/// lock must not delay or fail an audit append). Append-only: no update or delete path here, and triggers refuse
/// them in SQL too. Every record is hash-chained to the one before; every <see cref="AuditOptions.CheckpointEveryRecords"/>
/// records, every <see cref="AuditOptions.CheckpointInterval"/> while records wait unsigned, and when the log is closed, the chain head is signed into
/// the checkpoint file. Sequence numbers are gap-free (max + 1 inside an IMMEDIATE transaction), every commit is fully synced.
/// Every record carries a keyed MAC, and the log never extends or signs a tail it cannot vouch for (<see cref="AuditTailGuard"/>).
/// </summary>
public sealed class SqliteAuditLog : IAuditLog, IAuditSearch, IAuditVerificationSource, IAuditTargetIndexCheck, IAuditPurge, IAuditCheckpointer, IAsyncDisposable, IDisposable
{
    /// <summary>File name of the audit database inside <see cref="StorageOptions.DataDirectory"/>.</summary>
    public const string FileName = "audit.db";

    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly AuditOptions _options;
    private readonly AuditKeyProvider _keys;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _writer;
    private AuditKey? _key;
    private AuditRecordMac? _mac;
    private AuditTailGuard? _tail;
    private long _uncheckpointed;
    private long _lastSignedSequence;
    private long _recordedCheckpoint;
    private DateTimeOffset _lastCheckpointTime;
    private ITimer? _timer;
    private int _disposed;

    /// <summary>Creates the log; the file is opened (and created) on first use.</summary>
    public SqliteAuditLog(IOptions<StorageOptions> storage, IOptions<AuditOptions> options, AuditKeyProvider keys, ILogger<SqliteAuditLog> logger, TimeProvider timeProvider)
        : this(ConnectionStringFor(storage), CheckpointPathFor(storage, options), options, keys, logger, timeProvider)
    {
    }

    /// <summary>Creates the log over an explicit connection string (tests use it to open the file read-only).</summary>
    internal SqliteAuditLog(string connectionString, string checkpointPath, IOptions<AuditOptions> options, AuditKeyProvider keys, ILogger logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _connectionString = connectionString;
        DatabasePath = new SqliteConnectionStringBuilder(connectionString).DataSource;
        Checkpoints = new AuditCheckpointFile(checkpointPath);
        _options = options.Value;
        _keys = keys;
        _logger = logger;
        _time = timeProvider;
    }

    /// <summary>Full path of the audit database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The checkpoint file.</summary>
    public AuditCheckpointFile Checkpoints { get; }

    /// <inheritdoc />
    public async Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
        (await AppendAsync([auditEvent], cancellationToken))[0];

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvents);
        if (auditEvents.Count == 0)
        {
            throw new ArgumentException("At least one audit event is required.", nameof(auditEvents));
        }

        foreach (var auditEvent in auditEvents)
        {
            Validate(auditEvent);
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            List<AuditRecord> written;
            try
            {
                var connection = GetWriter();
                AuditDamage? unvouched;
                using (var transaction = connection.BeginTransaction(deferred: false))
                {
                    // Never extend a tail this process cannot vouch for: checked inside the write lock, so nothing slips in between.
                    unvouched = _tail!.Vouch(connection, transaction);
                    written = unvouched is null ? Insert(connection, transaction, auditEvents, _time.GetUtcNow()) : [];
                    if (unvouched is null)
                    {
                        transaction.Commit();
                    }
                }

                if (unvouched is not null)
                {
                    throw Refuse(connection, unvouched);
                }

                _tail.Advance(written[^1].Sequence, written[^1].Hash);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Logged for the operator, then rethrown: the caller must refuse the action (fail closed).
                _logger.AuditAppendFailed(ex, auditEvents[0].Action, DatabasePath);
                throw;
            }

            // Counted from the last signed head, not from this process's own appends, so several writers together still
            // leave no more than CheckpointEveryRecords records unsigned (verification holds them to that).
            _uncheckpointed += written.Count;
            if (written[^1].Sequence - _lastSignedSequence >= _options.CheckpointEveryRecords || _time.GetUtcNow() - _lastCheckpointTime >= _options.CheckpointInterval)
            {
                await TryCheckpointAsync(written[^1].Sequence, written[^1].Hash, cancellationToken);
            }

            return written;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Signs the current chain head into the checkpoint file now (no-op when it is already covered). Returns the new checkpoint, or null.</summary>
    public async Task<AuditCheckpoint?> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var connection = GetWriter();
            if (_tail!.Vouch(connection, null) is { } unvouched)
            {
                throw Refuse(connection, unvouched);
            }

            var (sequence, hash) = _tail.Head;
            if (sequence == 0)
            {
                return null;
            }

            var checkpoint = await Checkpoints.AppendAsync(sequence, hash, _time.GetUtcNow(), _key!, _recordedCheckpoint, cancellationToken);
            Signed(checkpoint, sequence);
            return checkpoint;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AuditRecord> ReadAsync(long fromSequence = 1, CancellationToken cancellationToken = default) =>
        ReadChainAsync(fromSequence, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditRecord> ReadChainAsync(long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.Command("SELECT " + AuditRows.Columns + " FROM audit_events WHERE seq >= $from ORDER BY seq;");
        command.Parameters.AddWithValue("$from", fromSequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return AuditRows.Read(reader);
        }
    }

    /// <inheritdoc />
    public async Task<AuditPurgeMarker?> GetPurgeMarkerAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await AuditPurging.GetMarkerAsync(connection, null, cancellationToken);
    }

    /// <summary>The last checkpoint this log recorded signing (a copy kept in the database), or null when none was.</summary>
    public async Task<AuditRecordedCheckpoint?> GetRecordedCheckpointAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await AuditCheckpointRecords.LastRecordedAsync(connection, cancellationToken);
    }

    /// <summary>The times a writer refused to extend the log past a record it could not vouch for.</summary>
    public async Task<IReadOnlyList<AuditRefusal>> GetRefusalsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await AuditCheckpointRecords.RefusalsAsync(connection, cancellationToken);
    }

    /// <summary>
    /// Checks the search index of targets (<c>audit_targets</c>, not part of the chain) against the targets of the
    /// chained records, so rows deleted or added there to hide records from a search are found. Run it after the chain verifies.
    /// </summary>
    public async Task<AuditDamage?> CheckTargetIndexAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);

        // Every target of every record must be indexed (one primary-key lookup each) ...
        var missing = await ScalarAsync(
            connection,
            "SELECT min(e.seq) FROM audit_events e, json_each(e.targets) j WHERE NOT EXISTS (SELECT 1 FROM audit_targets t WHERE t.target = j.value AND t.seq = e.seq);",
            cancellationToken);

        // ... and then equal counts prove there is nothing extra; only when they differ is the extra row looked for.
        var extra = missing is null && await ScalarAsync(
            connection,
            "SELECT (SELECT count(*) FROM audit_targets) - (SELECT coalesce(sum((SELECT count(DISTINCT value) FROM json_each(e.targets))), 0) FROM audit_events e);",
            cancellationToken) is not 0L
            ? await ScalarAsync(
                connection,
                "SELECT min(t.seq) FROM audit_targets t WHERE NOT EXISTS (SELECT 1 FROM audit_events e, json_each(e.targets) j WHERE e.seq = t.seq AND j.value = t.target);",
                cancellationToken)
            : null;
        return (missing ?? extra) is long sequence
            ? new AuditDamage(AuditDamageKind.IndexDamaged, sequence, $"The target index disagrees with record {sequence}: rows were added to or removed from audit_targets, which hides records from searches by document. The records themselves are intact.")
            : null;
    }

    private static async Task<long?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql);
        return await command.ExecuteScalarAsync(cancellationToken) is long value ? value : null;
    }

    /// <inheritdoc />
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await AuditQueries.QueryAsync(connection, query, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await AuditQueries.CountAsync(connection, query, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditRecord>> SliceAsync(AuditQuery query, int skip, bool oldestFirst, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await AuditQueries.SliceAsync(connection, query, skip, oldestFirst, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditRecord>> CorrelatedAsync(string correlationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(correlationId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await AuditQueries.CorrelatedAsync(connection, correlationId, cancellationToken);
    }

    /// <summary>
    /// Removes the records older than <see cref="AuditOptions.RetentionPeriod"/> as one prefix, leaving a signed marker
    /// and an <see cref="AuditActions.AuditPurged"/> record (also when legal hold or an empty prefix leaves nothing to remove).
    /// </summary>
    public async Task<AuditPurgeResult> PurgeAsync(AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var connection = GetWriter();
            using var transaction = connection.BeginTransaction(deferred: false);
            if (_tail!.Vouch(connection, transaction) is { } unvouched)
            {
                transaction.Rollback();
                throw Refuse(connection, unvouched);
            }

            var now = _time.GetUtcNow();
            var result = await AuditPurging.PurgeAsync(connection, transaction, _options, _key!, now, cancellationToken);
            var record = new AuditEvent(AuditActions.AuditPurged, actor, [], result.LegalHold ? AuditOutcomes.Denied : AuditOutcomes.Ok)
            {
                Detail = result.ToDetailJson(),
                ClientAddress = AuditContext.LocalClient,
            };
            var written = Insert(connection, transaction, [record], now);
            transaction.Commit();
            _tail.Advance(written[0].Sequence, written[0].Hash);
            _uncheckpointed++;
            if (result.Purged > 0)
            {
                _logger.AuditPurged(result.ThroughSequence, result.Cutoff);
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Stop the interval timer and wait for any append or checkpoint in flight.
        _timer?.Dispose();
        _gate.Wait();

        // Sign what this process appended, so its last records are covered and truncation is detectable.
        if (_uncheckpointed > 0 && _writer is not null && _key is not null)
        {
            try
            {
                if (VouchedHead(_writer) is { } head)
                {
                    TryCheckpointAsync(head.Sequence, head.Hash, CancellationToken.None).GetAwaiter().GetResult();
                }
            }
            catch (SqliteException ex)
            {
                _logger.AuditCheckpointFailed(ex, Checkpoints.Path);
            }
        }

        _writer?.Dispose();
        _gate.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Validate(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(auditEvent.Action, nameof(auditEvent));
        ArgumentNullException.ThrowIfNull(auditEvent.Actor, nameof(auditEvent));
        ArgumentNullException.ThrowIfNull(auditEvent.Actor.Id, nameof(auditEvent));
        ArgumentNullException.ThrowIfNull(auditEvent.Actor.DisplayName, nameof(auditEvent));
        ArgumentNullException.ThrowIfNull(auditEvent.Actor.Groups, nameof(auditEvent));
        ArgumentNullException.ThrowIfNull(auditEvent.Actor.Roles, nameof(auditEvent));
        ArgumentNullException.ThrowIfNull(auditEvent.Targets, nameof(auditEvent));
        ArgumentNullException.ThrowIfNull(auditEvent.Outcome, nameof(auditEvent));
    }

    private static string ConnectionStringFor(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SqliteFiles.ConnectionString(Path.Combine(DataDirectoryOf(options), FileName), pooling: false);
    }

    private static string CheckpointPathFor(IOptions<StorageOptions> storage, IOptions<AuditOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Value.CheckpointFile is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(DataDirectoryOf(storage), AuditCheckpointFile.DefaultFileName);
    }

    private static string DataDirectoryOf(IOptions<StorageOptions> options)
    {
        var directory = options.Value.DataDirectory;
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ArgumentException("StorageOptions.DataDirectory is required.", nameof(options));
        }

        return Path.GetFullPath(directory);
    }

    /// <summary>The last record's sequence and hash; the purge marker's when every record was purged; (0, genesis) for a new log.</summary>
    private static (long Sequence, string Hash) Head(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.Command(
            "SELECT seq, hash FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events) " +
            "UNION ALL SELECT through_seq, head_hash FROM audit_purges WHERE through_seq = (SELECT max(through_seq) FROM audit_purges) " +
            "ORDER BY 1 DESC LIMIT 1;",
            transaction);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditChain.GenesisHash);
    }

    private List<AuditRecord> Insert(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<AuditEvent> events, DateTimeOffset now)
    {
        var (sequence, hash) = Head(connection, transaction);
        var time = AuditChain.Normalize(now);
        var written = new List<AuditRecord>(events.Count);
        foreach (var auditEvent in events)
        {
            sequence++;
            var next = AuditChain.ComputeHash(hash, sequence, time, auditEvent);
            var record = new AuditRecord(sequence, time, auditEvent, hash, next) { Mac = _mac!.Compute(sequence, next) };
            AuditRows.Insert(connection, transaction, record);
            written.Add(record);
            hash = next;
        }

        return written;
    }

    private async Task TryCheckpointAsync(long sequence, string hash, CancellationToken cancellationToken)
    {
        try
        {
            var checkpoint = await Checkpoints.AppendAsync(sequence, hash, _time.GetUtcNow(), _key!, _recordedCheckpoint, cancellationToken);
            Signed(checkpoint, sequence);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or SqliteException)
        {
            // The records are written; only their signature is late. Retried with the next record and at close.
            _logger.AuditCheckpointFailed(ex, Checkpoints.Path);
        }
    }

    /// <summary>After a checkpoint at <paramref name="sequence"/> (null: the file already covered it): keeps a copy in the database and resets the counters.</summary>
    private void Signed(AuditCheckpoint? checkpoint, long sequence)
    {
        if (checkpoint is not null)
        {
            _logger.AuditCheckpointWritten(checkpoint.Number, checkpoint.Sequence, Checkpoints.Path);
            _recordedCheckpoint = Math.Max(_recordedCheckpoint, checkpoint.Number);
        }

        _uncheckpointed = 0;
        _lastSignedSequence = Math.Max(_lastSignedSequence, sequence);
        _lastCheckpointTime = _time.GetUtcNow();
        if (checkpoint is not null)
        {
            AuditCheckpointRecords.Add(_writer!, checkpoint);
        }
    }

    /// <summary>The head to sign at close or on the timer, once every record up to it is vouched for; null (the refusal recorded) otherwise.</summary>
    private (long Sequence, string Hash)? VouchedHead(SqliteConnection connection)
    {
        if (_tail!.Vouch(connection, null) is { } unvouched)
        {
            Refuse(connection, unvouched);
            return null;
        }

        return _tail.Head.Sequence > 0 ? _tail.Head : null;
    }

    /// <summary>Records and logs a refusal to go past an unvouched record; returns the exception that refuses the action.</summary>
    private AuditUnavailableException Refuse(SqliteConnection connection, AuditDamage unvouched)
    {
        try
        {
            AuditCheckpointRecords.AddRefusal(connection, unvouched, _time.GetUtcNow());
        }
        catch (SqliteException ex)
        {
            _logger.AuditAppendFailed(ex, "audit.refusal", DatabasePath);
        }

        _logger.AuditTailUnvouched(unvouched.Message);
        return new AuditUnavailableException("The audit log was not extended: " + unvouched.Message);
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        EnsureDirectory();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (AuditSchema.CurrentVersion(connection) is > 0 and < AuditSchema.Version)
            {
                await UpgradeAsync(cancellationToken);
            }
            else
            {
                AuditSchema.Ensure(connection, _logger);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>An older audit.db is upgraded by the writer, which holds the key to sign its records (never by a reader, which may hold only the public key).</summary>
    private async Task UpgradeAsync(CancellationToken cancellationToken)
    {
        if (!_keys.HasPrivateKey)
        {
            throw new InvalidOperationException($"The audit database '{DatabasePath}' is from an older version; open it once with the application (which holds the signing key) to upgrade it before verifying it with only the public key.");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            GetWriter();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CheckpointIdleRecordsAsync()
    {
        try
        {
            if (Volatile.Read(ref _disposed) != 0 || !await _gate.WaitAsync(0))
            {
                return; // closing, or an append is running (and checkpoints itself when due)
            }

            try
            {
                if (_uncheckpointed > 0 && _writer is not null && Volatile.Read(ref _disposed) == 0 && VouchedHead(_writer) is { } head)
                {
                    await TryCheckpointAsync(head.Sequence, head.Hash, CancellationToken.None);
                }
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (ObjectDisposedException)
        {
            // Closed between the check and the wait.
        }
        catch (SqliteException ex)
        {
            _logger.AuditCheckpointFailed(ex, Checkpoints.Path);
        }
    }

    /// <summary>The checkpoint file's last checkpoint, to know when the next is due and where vouching starts; null (due now) when the file cannot be read.</summary>
    private AuditCheckpoint? LastCheckpoint()
    {
        try
        {
            return Checkpoints.ReadLast();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The checkpoint file only signs records already written: as for a failed checkpoint, the append goes on,
            // and the next checkpoint (due at once) tries again and reports it.
            _logger.AuditCheckpointFailed(ex, Checkpoints.Path);
            return null;
        }
    }

    private void EnsureDirectory()
    {
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            // The directory 0700 and the database 0600 before SQLite creates it (its -wal and -shm files take its mode).
            PrivateFiles.EnsureDatabase(DatabasePath);
        }
    }

    private SqliteConnection GetWriter()
    {
        if (_writer is not null)
        {
            return _writer;
        }

        // The key is loaded before the first record: a missing or bad key refuses the action instead of leaving records unsigned.
        _key = _keys.GetSigningKey();
        _mac ??= AuditRecordMac.FromKey(_key);

        // Opened on first use and kept only once it works, so a failure is reported by the append that hit it.
        EnsureDirectory();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            SqliteFiles.ConfigureWriter(connection, fullSync: true, _logger);
            var upgradedFrom = AuditSchema.Ensure(connection, _logger);
            AuditSchema.EnsureSearchIndexes(connection);
            if (upgradedFrom > 0)
            {
                // Records from before schema 3 carry no MAC: the upgrading writer vouches for them as the previous
                // version would have at its next checkpoint, by signing the head now, before any other writer can append.
                var (sequence, hash) = Head(connection, null);
                if (sequence > 0)
                {
                    Checkpoints.AppendAsync(sequence, hash, _time.GetUtcNow(), _key, cancellationToken: CancellationToken.None).GetAwaiter().GetResult();
                }
            }

            var last = LastCheckpoint();
            _lastCheckpointTime = last?.Time ?? DateTimeOffset.MinValue;
            _lastSignedSequence = last?.Sequence ?? 0;
            _recordedCheckpoint = AuditCheckpointRecords.Last(connection, null)?.Number ?? 0;
            _tail = new AuditTailGuard(_key, _mac);
            _tail.Start(last);
            _writer = connection;

            // Records appended in a burst and then left alone are signed within one interval, not only at close.
            _timer = _time.CreateTimer(_ => _ = CheckpointIdleRecordsAsync(), null, _options.CheckpointInterval, _options.CheckpointInterval);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}

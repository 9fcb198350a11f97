using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Storage.Logging;
using Rag.Storage.Sqlite;

namespace Rag.Storage;

/// <summary>
/// The audit trail in <c>audit.db</c>, a file of its own beside <c>rag.db</c>: ingesting a large document holds
/// the index's write lock for a while, and a question's audit record must not wait for it (an audit write that
/// fails or times out refuses the question); the trail also has its own retention and must survive deleting or
/// rebuilding the index. Append-only: there is no update or delete. Sequence numbers are gap-free (max + 1 in an
/// IMMEDIATE transaction, so a rolled-back append leaves no hole) and every commit is fully synced.
/// </summary>
public sealed class SqliteAuditLog : IAuditLog, IAsyncDisposable, IDisposable
{
    /// <summary>File name of the audit database inside <see cref="StorageOptions.DataDirectory"/>.</summary>
    public const string FileName = "audit.db";

    private const int SchemaVersion = 1;

    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _writer;
    private int _disposed;

    /// <summary>Creates the log; the file is opened (and created) on first use.</summary>
    public SqliteAuditLog(IOptions<StorageOptions> options, ILogger<SqliteAuditLog> logger, TimeProvider timeProvider)
        : this(ConnectionStringFor(options), logger, timeProvider)
    {
    }

    /// <summary>Creates the log over an explicit connection string (tests use it to open the file read-only).</summary>
    internal SqliteAuditLog(string connectionString, ILogger logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _connectionString = connectionString;
        DatabasePath = new SqliteConnectionStringBuilder(connectionString).DataSource;
        _logger = logger;
        _time = timeProvider;
    }

    /// <summary>Full path of the audit database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public async Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(auditEvent.Action, nameof(auditEvent));
        ArgumentNullException.ThrowIfNull(auditEvent.ActorId, nameof(auditEvent));
        ArgumentNullException.ThrowIfNull(auditEvent.ActorGroups, nameof(auditEvent));
        ArgumentNullException.ThrowIfNull(auditEvent.Targets, nameof(auditEvent));
        ArgumentNullException.ThrowIfNull(auditEvent.Outcome, nameof(auditEvent));
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var connection = GetWriter();
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var command = connection.Command(
                "INSERT INTO audit_events (seq, time_utc, action, actor_id, actor_groups, targets, outcome, detail) " +
                "VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM audit_events), $time, $action, $actor, $groups, $targets, $outcome, $detail) RETURNING seq;",
                transaction);
            var time = _time.GetUtcNow().ToUniversalTime();
            command.Parameters.AddWithValue("$time", time.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$action", auditEvent.Action);
            command.Parameters.AddWithValue("$actor", auditEvent.ActorId);
            command.Parameters.AddWithValue("$groups", JsonSerializer.Serialize(auditEvent.ActorGroups));
            command.Parameters.AddWithValue("$targets", JsonSerializer.Serialize(auditEvent.Targets));
            command.Parameters.AddWithValue("$outcome", auditEvent.Outcome);
            command.Parameters.AddWithValue("$detail", (object?)auditEvent.Detail ?? DBNull.Value);
            var sequence = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            await transaction.CommitAsync(cancellationToken);
            return new AuditRecord(sequence, time, auditEvent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged for the operator, then rethrown: the caller must refuse the action (fail closed).
            _logger.AuditAppendFailed(ex, auditEvent.Action, DatabasePath);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditRecord> ReadAsync(long fromSequence = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        EnsureSchema(connection);
        await using var command = connection.Command(
            "SELECT seq, time_utc, action, actor_id, actor_groups, targets, outcome, detail FROM audit_events WHERE seq >= $from ORDER BY seq;");
        command.Parameters.AddWithValue("$from", fromSequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var auditEvent = new AuditEvent(
                reader.GetString(2),
                reader.GetString(3),
                JsonSerializer.Deserialize<string[]>(reader.GetString(4)) ?? [],
                JsonSerializer.Deserialize<string[]>(reader.GetString(5)) ?? [],
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7));
            var time = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            yield return new AuditRecord(reader.GetInt64(0), time, auditEvent);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
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

    private static string ConnectionStringFor(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = options.Value.DataDirectory;
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ArgumentException("StorageOptions.DataDirectory is required.", nameof(options));
        }

        return SqliteFiles.ConnectionString(Path.Combine(Path.GetFullPath(directory), FileName), pooling: false);
    }

    private static void EnsureSchema(SqliteConnection connection)
    {
        using var version = connection.Command("PRAGMA user_version;");
        var current = Convert.ToInt32(version.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (current == SchemaVersion)
        {
            return;
        }

        if (current > SchemaVersion)
        {
            throw new InvalidOperationException($"The audit database '{connection.DataSource}' has schema version {current}; this build understands up to {SchemaVersion}. Upgrade the application.");
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        connection.Execute(
            """
            CREATE TABLE IF NOT EXISTS audit_events (
                seq          INTEGER PRIMARY KEY,
                time_utc     TEXT NOT NULL,
                action       TEXT NOT NULL,
                actor_id     TEXT NOT NULL,
                actor_groups TEXT NOT NULL,
                targets      TEXT NOT NULL,
                outcome      TEXT NOT NULL,
                detail       TEXT);
            PRAGMA user_version = 1;
            """,
            transaction);
        transaction.Commit();
    }

    private SqliteConnection GetWriter()
    {
        if (_writer is not null)
        {
            return _writer;
        }

        // Opened on first use and kept only once it works, so a failure is reported by the append that hit it.
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            SqliteFiles.ConfigureWriter(connection, fullSync: true, _logger);
            EnsureSchema(connection);
            _writer = connection;
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}

using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Rag.Core.Conversations;
using Rag.Storage.Sqlite;

namespace Rag.Storage.Conversations;

/// <summary>
/// Conversation history in <c>conversations.db</c> beside the index: one row per question and per answer, keyed by
/// user and conversation, so a follow-up only ever sees its own user's turns (another user naming the same
/// conversation id starts a separate conversation). Both rows of a turn carry the document sets its answer drew on
/// (<c>set_names</c>, a JSON array); rows written before that column existed have none, and load as turns of unknown
/// scope. Turns older than <see cref="StorageOptions.ConversationRetention"/> are deleted whenever a turn is added.
/// </summary>
public sealed class SqliteConversationStore : IConversationStore
{
    /// <summary>File name inside <see cref="StorageOptions.DataDirectory"/>.</summary>
    public const string FileName = "conversations.db";

    /// <summary>Longest conversation id accepted (ids are chosen by clients).</summary>
    public const int MaxConversationIdLength = 128;

    // set_names came later: a file without it is migrated in place (EnsureSchemaAsync), its old turns keep NULL.
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS turns (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
            text TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            set_names TEXT);
        CREATE INDEX IF NOT EXISTS turns_by_conversation ON turns (user_id, conversation_id, seq);
        """;

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly TimeSpan _retention;
    private volatile bool _created;

    /// <summary>Creates the store; the file is created on first use.</summary>
    public SqliteConversationStore(IOptions<StorageOptions> storage, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(timeProvider);
        DatabasePath = Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), FileName);
        _connectionString = SqliteFiles.ConnectionString(DatabasePath, pooling: false);
        _time = timeProvider;
        _retention = storage.Value.ConversationRetention;
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConversationTurn>> LoadAsync(string userId, string conversationId, int maxTurns, CancellationToken cancellationToken = default)
    {
        Validate(userId, conversationId);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTurns);
        if (maxTurns == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT role, text, set_names FROM (
                SELECT seq, role, text, set_names FROM turns WHERE user_id = $user AND conversation_id = $conversation
                ORDER BY seq DESC LIMIT $limit)
            ORDER BY seq
            """;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$conversation", conversationId);
        command.Parameters.AddWithValue("$limit", 2L * maxTurns);
        var turns = new List<ConversationTurn>();
        string? question = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // A question and its answer are written together; an answer without its question (cut off by the limit)
            // is left out.
            if (reader.GetString(0) == "user")
            {
                question = reader.GetString(1);
            }
            else if (question is not null)
            {
                turns.Add(new ConversationTurn(question, reader.GetString(1), reader.IsDBNull(2) ? null : ParseSets(reader.GetString(2))));
                question = null;
            }
        }

        return turns;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(string userId, int maxConversations, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentOutOfRangeException.ThrowIfNegative(maxConversations);
        if (maxConversations == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // Every row read is the asking user's own: the user filter is in the grouping and in the title's lookup.
        command.CommandText = """
            SELECT g.conversation_id, t.text, g.last_utc, g.questions FROM (
                SELECT conversation_id, MIN(CASE WHEN role = 'user' THEN seq END) AS first_seq, MAX(created_utc) AS last_utc,
                       SUM(role = 'user') AS questions, MAX(seq) AS last_seq
                FROM turns WHERE user_id = $user GROUP BY conversation_id) AS g
            JOIN turns AS t ON t.seq = g.first_seq AND t.user_id = $user
            ORDER BY g.last_utc DESC, g.last_seq DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$limit", (long)maxConversations);
        var conversations = new List<ConversationSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var last = DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);
            conversations.Add(new ConversationSummary(reader.GetString(0), reader.GetString(1), last, reader.GetInt32(3)));
        }

        return conversations;
    }

    /// <inheritdoc />
    public async Task AppendAsync(string userId, string conversationId, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        Validate(userId, conversationId);
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(turn.Question, nameof(turn));
        ArgumentNullException.ThrowIfNull(turn.Answer, nameof(turn));
        if (turn.SetNames is null)
        {
            throw new ArgumentException("A turn is stored with the document sets its answer drew on (an empty list when none).", nameof(turn));
        }

        var sets = JsonSerializer.Serialize(turn.SetNames);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var clock = _time.GetUtcNow();
        var now = clock.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await using (var expire = connection.CreateCommand())
        {
            // ISO-8601 UTC strings of one format sort as the times they name.
            expire.Transaction = transaction;
            expire.CommandText = "DELETE FROM turns WHERE created_utc < $cutoff";
            expire.Parameters.AddWithValue("$cutoff", (clock - _retention).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            await expire.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (role, text) in new[] { ("user", turn.Question), ("assistant", turn.Answer) })
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO turns (user_id, conversation_id, role, text, created_utc, set_names) VALUES ($user, $conversation, $role, $text, $now, $sets)";
            command.Parameters.AddWithValue("$user", userId);
            command.Parameters.AddWithValue("$conversation", conversationId);
            command.Parameters.AddWithValue("$role", role);
            command.Parameters.AddWithValue("$text", text);
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.AddWithValue("$sets", sets);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    // A value that is not a JSON array of names says nothing trustworthy about the turn's scope: unknown, like a missing one.
    private static string[]? ParseSets(string json)
    {
        try
        {
            var sets = JsonSerializer.Deserialize<string[]>(json);
            return sets is not null && sets.All(s => s is not null) ? sets : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Validate(string userId, string conversationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        if (conversationId.Length > MaxConversationIdLength || conversationId.Any(char.IsControl))
        {
            throw new ArgumentException($"A conversation id is at most {MaxConversationIdLength} printable characters.", nameof(conversationId));
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            if (!_created)
            {
                PrivateFiles.EnsureDatabase(DatabasePath);
            }

            await connection.OpenAsync(cancellationToken);
            if (!_created)
            {
                await EnsureSchemaAsync(connection, cancellationToken);
                _created = true;
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // Idempotent: two first uses at once both run it, and the write transaction (with the busy timeout) serialises them.
    private static async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken); // BEGIN IMMEDIATE
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('turns') WHERE name = 'set_names'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            // A file written before turns kept their sets: its turns keep NULL (unknown scope, never shown again).
            command.CommandText = "ALTER TABLE turns ADD COLUMN set_names TEXT";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}

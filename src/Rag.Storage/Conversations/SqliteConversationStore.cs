using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Rag.Core.Conversations;
using Rag.Storage.Sqlite;

namespace Rag.Storage.Conversations;

/// <summary>
/// Conversation history in <c>conversations.db</c> beside the index: one row per question and per answer, keyed by
/// user and conversation, so a follow-up only ever sees its own user's turns (another user naming the same
/// conversation id starts a separate conversation). Turns older than <see cref="StorageOptions.ConversationRetention"/>
/// are deleted whenever a turn is added.
/// </summary>
public sealed class SqliteConversationStore : IConversationStore
{
    /// <summary>File name inside <see cref="StorageOptions.DataDirectory"/>.</summary>
    public const string FileName = "conversations.db";

    /// <summary>Longest conversation id accepted (ids are chosen by clients).</summary>
    public const int MaxConversationIdLength = 128;

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS turns (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
            text TEXT NOT NULL,
            created_utc TEXT NOT NULL);
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
    public async Task<IReadOnlyList<ChatMessage>> LoadAsync(string userId, string conversationId, int maxMessages, CancellationToken cancellationToken = default)
    {
        Validate(userId, conversationId);
        ArgumentOutOfRangeException.ThrowIfNegative(maxMessages);
        if (maxMessages == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT role, text FROM (
                SELECT seq, role, text FROM turns WHERE user_id = $user AND conversation_id = $conversation
                ORDER BY seq DESC LIMIT $limit)
            ORDER BY seq
            """;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$conversation", conversationId);
        command.Parameters.AddWithValue("$limit", maxMessages);
        var messages = new List<ChatMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new ChatMessage(reader.GetString(0) == "user" ? ChatRole.User : ChatRole.Assistant, reader.GetString(1)));
        }

        return messages;
    }

    /// <inheritdoc />
    public async Task AppendAsync(string userId, string conversationId, string question, string answer, CancellationToken cancellationToken = default)
    {
        Validate(userId, conversationId);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answer);
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

        foreach (var (role, text) in new[] { ("user", question), ("assistant", answer) })
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO turns (user_id, conversation_id, role, text, created_utc) VALUES ($user, $conversation, $role, $text, $now)";
            command.Parameters.AddWithValue("$user", userId);
            command.Parameters.AddWithValue("$conversation", conversationId);
            command.Parameters.AddWithValue("$role", role);
            command.Parameters.AddWithValue("$text", text);
            command.Parameters.AddWithValue("$now", now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
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
                Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            }

            await connection.OpenAsync(cancellationToken);
            if (!_created)
            {
                // Idempotent: two first uses at once both run it, and the busy timeout serialises them.
                await using var command = connection.CreateCommand();
                command.CommandText = Schema;
                await command.ExecuteNonQueryAsync(cancellationToken);
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
}

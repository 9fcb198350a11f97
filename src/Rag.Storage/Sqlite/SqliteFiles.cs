using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Rag.Storage.Logging;

namespace Rag.Storage.Sqlite;

/// <summary>Connection strings and per-connection settings shared by the index and the audit log.</summary>
internal static class SqliteFiles
{
    /// <summary>A read-write connection string for the file at <paramref name="path"/>, with foreign keys enforced.</summary>
    public static string ConnectionString(string path, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        ForeignKeys = true,
        Pooling = pooling,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>
    /// Switches the file to write-ahead logging (persistent: readers then never block the writer nor the other way
    /// round) and sets the connection's durability: NORMAL survives process crashes and loses at most the last
    /// commits on power loss (the index can be re-ingested); FULL also survives power loss (the audit trail).
    /// </summary>
    public static void ConfigureWriter(SqliteConnection connection, bool fullSync, ILogger logger)
    {
        var mode = connection.ScalarText("PRAGMA journal_mode = WAL;");
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            logger.WalUnavailable(connection.DataSource, mode ?? "unknown");
        }

        connection.Execute(fullSync ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
        connection.Execute("PRAGMA foreign_keys = ON;");
    }
}

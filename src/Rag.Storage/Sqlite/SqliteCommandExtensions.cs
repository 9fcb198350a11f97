using Microsoft.Data.Sqlite;

namespace Rag.Storage.Sqlite;

/// <summary>Terse command creation for the constant SQL of this project (never built from user input).</summary>
internal static class SqliteCommandExtensions
{
    /// <summary>A command for <paramref name="sql"/> enlisted in <paramref name="transaction"/>.</summary>
    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Runs <paramref name="sql"/> (one or more statements) for its effect.</summary>
    public static void Execute(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.Command(sql, transaction);
        command.ExecuteNonQuery();
    }

    /// <summary>Runs <paramref name="sql"/> and returns the first column of the first row as text.</summary>
    public static string? ScalarText(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.Command(sql, transaction);
        return command.ExecuteScalar() as string;
    }
}

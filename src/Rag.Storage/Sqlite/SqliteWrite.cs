using Microsoft.Data.Sqlite;

namespace Rag.Storage.Sqlite;

/// <summary>One open write of a <see cref="SqliteStore"/>: its transaction, what runs after it commits, and whether it was abandoned.</summary>
internal sealed class SqliteWrite(SqliteTransaction transaction)
{
    public SqliteTransaction Transaction { get; } = transaction;

    public List<Action> AfterCommit { get; } = [];

    public bool Cancelled { get; set; }
}

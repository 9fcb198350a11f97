using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Rag.Storage;

namespace Rag.Web.Accounts;

/// <summary>
/// Where the accounts live: <c>accounts.db</c> in the data directory, next to rag.db and audit.db but a file of its own,
/// so password hashes never mix with documents (backups, copies and the document store backend stay separate) and the
/// Identity schema evolves apart from the index schema.
/// </summary>
internal sealed class AccountsDatabase(IOptions<StorageOptions> storage)
{
    public const string FileName = "accounts.db";

    public string Path => System.IO.Path.Combine(System.IO.Path.GetFullPath(storage.Value.DataDirectory), FileName);

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true }.ToString();
}

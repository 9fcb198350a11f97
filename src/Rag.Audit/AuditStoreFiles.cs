namespace Rag.Audit;

/// <summary>Where the audit store keeps its log in a data directory (for hosts that must know whether one exists before opening it).</summary>
public static class AuditStoreFiles
{
    /// <summary>The audit log's file name in the data directory.</summary>
    public const string LogFileName = SqliteAuditLog.FileName;

    /// <summary>The full path of the audit log in <paramref name="dataDirectory"/>.</summary>
    public static string LogPath(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        return Path.Combine(Path.GetFullPath(dataDirectory), LogFileName);
    }
}

namespace Rag.Web.Workspaces.Status;

/// <summary>
/// Sizes of what the data directory holds: each SQLite database with its <c>-wal</c>, <c>-shm</c> and <c>-journal</c>
/// files (rag.db, audit.db, conversations.db, an accounts database when there is one), each folder (uploads) with
/// everything below it, and the remaining files together. Links are not followed.
/// </summary>
internal static class DataDirectorySizes
{
    public const string OtherFiles = "other files";

    private static readonly string[] DatabaseSuffixes = ["-wal", "-shm", "-journal"];

    public static IReadOnlyList<StoreSize> Measure(string dataDirectory)
    {
        var directory = new DirectoryInfo(dataDirectory);
        if (!directory.Exists)
        {
            return [];
        }

        var sizes = new Dictionary<string, (long Bytes, int Files)>(StringComparer.Ordinal);
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }

            var (name, bytes, files) = entry switch
            {
                DirectoryInfo folder => (folder.Name + "/", FolderBytes(folder, out var count), count),
                FileInfo file => (StoreOf(file.Name), file.Length, 1),
                _ => (OtherFiles, 0L, 0),
            };
            sizes[name] = sizes.TryGetValue(name, out var sum) ? (sum.Bytes + bytes, sum.Files + files) : (bytes, files);
        }

        return [.. sizes.Select(s => new StoreSize(s.Key, s.Value.Bytes, s.Value.Files))
            .OrderBy(s => s.Name == OtherFiles)
            .ThenBy(s => s.Name.EndsWith('/'))
            .ThenBy(s => s.Name, StringComparer.Ordinal)];
    }

    private static string StoreOf(string fileName)
    {
        foreach (var suffix in DatabaseSuffixes)
        {
            if (fileName.EndsWith(".db" + suffix, StringComparison.Ordinal))
            {
                return fileName[..^suffix.Length];
            }
        }

        return fileName.EndsWith(".db", StringComparison.Ordinal) ? fileName : OtherFiles;
    }

    private static long FolderBytes(DirectoryInfo folder, out int files)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        long bytes = 0;
        files = 0;
        foreach (var file in folder.EnumerateFiles("*", options))
        {
            bytes += file.Length;
            files++;
        }

        return bytes;
    }
}

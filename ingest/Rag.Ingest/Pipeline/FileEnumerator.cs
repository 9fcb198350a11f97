namespace Rag.Ingest.Pipeline;

/// <summary>
/// Expands the paths of a request into the regular files to read, each with the path used for its document id, and
/// lists everything else it met with the reason it was skipped. A folder's contents are hostile input: only regular
/// files inside it are read; links are never followed (a link to a file elsewhere on the server, to /dev/zero or to a
/// parent folder would otherwise be read, hang the run or loop), and pipes, devices and sockets are not opened. A
/// folder that cannot be listed (no permission, a path longer than the system allows) is skipped with its reason while
/// the rest goes on. The walk keeps its own stack, so no depth can overflow it.
/// </summary>
internal static class FileEnumerator
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <exception cref="FileNotFoundException">A path given is neither a file nor a folder.</exception>
    public static FileListing Expand(IEnumerable<string> paths)
    {
        var files = new List<ListedFile>();
        var skipped = new List<SkippedPath>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            // A path named on the command line is the operator's choice: a link given there is followed (File.Exists
            // and Directory.Exists follow it); inside a folder nothing is.
            if (Directory.Exists(full))
            {
                Walk(full, files, skipped);
            }
            else if (File.Exists(full))
            {
                var status = Status(full, skipped, followLink: true);
                if (status is { Kind: FileEntryKind.RegularFile })
                {
                    files.Add(new ListedFile(full, Path.GetFileName(full), status.Value));
                }
                else if (status is { } other)
                {
                    skipped.Add(new SkippedPath(full, $"not a regular file ({other.Describe()})"));
                }
            }
            else
            {
                throw new FileNotFoundException($"'{path}' is neither a file nor a folder.", path);
            }
        }

        return new FileListing(files, skipped);
    }

    private static void Walk(string root, List<ListedFile> files, List<SkippedPath> skipped)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        var found = new List<ListedFile>();
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            string[] entries;
            try
            {
                entries = [.. Directory.EnumerateFileSystemEntries(folder, "*", OneLevel)];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                skipped.Add(new SkippedPath(folder, "folder could not be read: " + FolderError(ex)));
                continue;
            }

            Array.Sort(entries, StringComparer.Ordinal);
            for (var i = entries.Length - 1; i >= 0; i--)
            {
                var entry = entries[i];
                var status = Status(entry, skipped, followLink: false);
                if (status is not { } entryStatus)
                {
                    continue;
                }

                if (Path.GetFileName(entry).StartsWith('.'))
                {
                    skipped.Add(new SkippedPath(entry, entryStatus.Kind == FileEntryKind.Directory ? "hidden folder (name starts with '.')" : "hidden file (name starts with '.')"));
                    continue;
                }

                switch (entryStatus.Kind)
                {
                    case FileEntryKind.RegularFile:
                        found.Add(new ListedFile(entry, Path.GetRelativePath(root, entry).Replace('\\', '/'), entryStatus));
                        break;
                    case FileEntryKind.Directory:
                        pending.Push(entry);
                        break;
                    case FileEntryKind.SymbolicLink:
                        skipped.Add(new SkippedPath(entry, LinkReason(root, entry)));
                        break;
                    default:
                        skipped.Add(new SkippedPath(entry, $"not a regular file ({entryStatus.Describe()})"));
                        break;
                }
            }
        }

        found.Sort((a, b) => StringComparer.Ordinal.Compare(a.FullPath, b.FullPath));
        files.AddRange(found);
    }

    private static FileEntryStatus? Status(string path, List<SkippedPath> skipped, bool followLink)
    {
        try
        {
            var status = FileSystemNative.Lstat(path);
            if (followLink && status.Kind == FileEntryKind.SymbolicLink && File.ResolveLinkTarget(path, returnFinalTarget: true) is { } target)
            {
                status = FileSystemNative.Lstat(target.FullName);
            }

            return status;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            skipped.Add(new SkippedPath(path, "could not be examined: " + FolderError(ex)));
            return null;
        }
    }

    private static string LinkReason(string root, string link)
    {
        try
        {
            var target = File.ResolveLinkTarget(link, returnFinalTarget: true);
            if (target is null || !Path.Exists(target.FullName))
            {
                return "link to nothing (broken link)";
            }

            var folder = Path.TrimEndingDirectorySeparator(root);
            var resolved = Path.TrimEndingDirectorySeparator(target.FullName);
            var inside = resolved == folder || resolved.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            return inside
                ? "link, not followed (what it points to inside the folder is read under its own path)"
                : "link to outside the ingested folder, not followed";
        }
        catch (IOException)
        {
            return "link that cannot be resolved (a loop), not followed";
        }
    }

    private static string FolderError(Exception ex) => ex switch
    {
        PathTooLongException => "the path is longer than the system allows",
        UnauthorizedAccessException => "permission denied",
        _ => ex.Message,
    };
}

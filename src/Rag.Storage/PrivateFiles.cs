namespace Rag.Storage;

/// <summary>
/// Keeps what Rag writes out of other local accounts' reach: the data directory is <c>0700</c> and every file in it
/// <c>0600</c> (document chunks, vectors, questions, answers, the audit trail, conversation history, keys). A data
/// directory or file left with looser modes (by an older release, a copy, a restored backup) is tightened when a
/// store opens it; one that cannot be tightened (another account owns it) is refused, naming it. Public keys
/// (<c>*.pub.pem</c>) are public by design and left as they are. On Windows, where files carry ACLs instead of modes,
/// nothing is changed.
/// </summary>
public static class PrivateFiles
{
    /// <summary>Owner read, write and search: <c>0700</c>.</summary>
    public const UnixFileMode PrivateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Owner read and write: <c>0600</c>.</summary>
    public const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OthersMask =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly string[] SqliteCompanions = ["-wal", "-shm", "-journal"];

    /// <summary>
    /// Creates <paramref name="directory"/> as <c>0700</c> (its missing parents as usual), or takes every group and
    /// other permission away from it and from the files directly in it (public keys excepted) when it exists.
    /// </summary>
    /// <exception cref="IOException">The path is a file, or a looser mode could not be tightened.</exception>
    public static void EnsureDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        directory = Path.GetFullPath(directory);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        if (!Directory.Exists(directory))
        {
            if (Path.GetDirectoryName(directory) is { Length: > 0 } parent)
            {
                Directory.CreateDirectory(parent);
            }

            Directory.CreateDirectory(directory, PrivateDirectoryMode);
        }

        Tighten(directory);
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (!file.EndsWith(".pub.pem", StringComparison.Ordinal))
            {
                Tighten(file);
            }
        }
    }

    /// <summary>
    /// Makes sure the SQLite database at <paramref name="path"/> is private before SQLite opens it: the directory as
    /// <see cref="EnsureDirectory"/>, the database file created empty as <c>0600</c> when missing (SQLite gives its
    /// <c>-wal</c>, <c>-shm</c> and <c>-journal</c> files the database file's mode), those files tightened when they exist.
    /// </summary>
    /// <exception cref="IOException">The directory is a file, or a looser mode could not be tightened.</exception>
    public static void EnsureDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        path = Path.GetFullPath(path);
        EnsureDirectory(Path.GetDirectoryName(path)!);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using (new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFileMode }))
            {
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            // Already there (created by another process a moment ago, or long since): tightened above, or here.
        }

        foreach (var file in SqliteCompanions.Select(suffix => path + suffix).Prepend(path))
        {
            if (File.Exists(file))
            {
                Tighten(file);
            }
        }
    }

    /// <summary>
    /// Options that create a new file as <c>0600</c> (on Windows, the default); <paramref name="mode"/> and
    /// <paramref name="share"/> as <see cref="FileStream"/> takes them.
    /// </summary>
    public static FileStreamOptions CreateOptions(FileMode mode, FileAccess access, FileShare share = FileShare.None, FileOptions options = FileOptions.None)
    {
        var result = new FileStreamOptions { Mode = mode, Access = access, Share = share, Options = options };
        if (!OperatingSystem.IsWindows() && mode != FileMode.Open && mode != FileMode.Truncate)
        {
            result.UnixCreateMode = PrivateFileMode;
        }

        return result;
    }

    private static void Tighten(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & OthersMask) == 0)
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(path, mode & ~OthersMask);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new IOException(
                $"'{path}' is open to other accounts (mode {Octal(mode)}) and could not be made private: {ex.Message} " +
                "Make the account that runs Rag its owner, or remove the group and other permissions (chmod go-rwx).",
                ex);
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}

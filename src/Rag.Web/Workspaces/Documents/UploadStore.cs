using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Storage;

namespace Rag.Web.Workspaces.Documents;

/// <summary>
/// Where uploaded files live: <c>&lt;data&gt;/uploads/&lt;set folder&gt;/&lt;file name&gt;</c>, private (<c>0700</c>
/// folders, <c>0600</c> files). A set's folder is named after the set (letters and digits only) and a hash of its
/// <see cref="NameKey"/>, so any set name gives one safe folder and two sets never share one. A file is written beside
/// them first (<c>uploads/.incoming</c>, same file system) and moved into place only once complete and accepted, so a
/// refused or broken upload never replaces what was there.
/// </summary>
internal sealed class UploadStore(IOptions<StorageOptions> storage)
{
    public const string FolderName = "uploads";

    private const string IncomingFolderName = ".incoming";
    private const int MaxSlugChars = 40;

    /// <summary>The folder all uploads live under.</summary>
    public string Root => Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), FolderName);

    /// <summary>The folder of set <paramref name="setName"/> (not created).</summary>
    public string SetFolder(string setName) => Path.Combine(Root, SetFolderName(setName));

    /// <summary>The path a file named <paramref name="fileName"/> (validated by <see cref="UploadFileName"/>) is stored at.</summary>
    public string FilePath(string setName, string fileName)
    {
        var folder = SetFolder(setName);
        var path = Path.GetFullPath(Path.Combine(folder, fileName));
        // UploadFileName refuses every name that could leave the folder; this is the second lock on the same door.
        if (!string.Equals(Path.GetDirectoryName(path), folder, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The file name '{fileName}' does not stay inside its set's upload folder.", nameof(fileName));
        }

        return path;
    }

    /// <summary>True when <paramref name="path"/> is a file of the upload store (the app may delete it with its document).</summary>
    public bool Holds(string path) =>
        Path.GetFullPath(path).StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Creates a new private temporary file for an incoming upload.</summary>
    public (string Path, FileStream Stream) CreateIncoming()
    {
        PrivateFiles.EnsureDirectory(Root);
        var folder = Path.Combine(Root, IncomingFolderName);
        PrivateFiles.EnsureDirectory(folder);
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".part");
        return (path, new FileStream(path, PrivateFiles.CreateOptions(FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.Asynchronous)));
    }

    /// <summary>Moves a completed incoming file to <paramref name="destination"/>, replacing an earlier file of that name.</summary>
    public static void Commit(string incoming, string destination)
    {
        PrivateFiles.EnsureDirectory(Path.GetDirectoryName(destination)!);
        File.Move(incoming, destination, overwrite: true);
    }

    /// <summary>Deletes a file if it is there.</summary>
    public static void Discard(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover under .incoming holds nothing anyone can see, and is private.
        }
    }

    private static string SetFolderName(string setName)
    {
        var key = NameKey.For(setName, "document set");
        var slug = new StringBuilder(MaxSlugChars);
        foreach (var c in key)
        {
            if (slug.Length == MaxSlugChars)
            {
                break;
            }

            slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12];
        return $"{slug}-{hash}";
    }
}

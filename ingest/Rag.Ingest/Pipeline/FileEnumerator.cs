namespace Rag.Ingest.Pipeline;

/// <summary>Expands the paths of a request into files, each with the path used for its document id.</summary>
internal static class FileEnumerator
{
    public static IReadOnlyList<(string FullPath, string RelativePath)> Expand(IEnumerable<string> paths)
    {
        var files = new List<(string, string)>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (File.Exists(full))
            {
                files.Add((full, Path.GetFileName(full)));
            }
            else if (Directory.Exists(full))
            {
                var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
                foreach (var file in Directory.EnumerateFiles(full, "*", options).Order(StringComparer.Ordinal))
                {
                    files.Add((file, Path.GetRelativePath(full, file).Replace('\\', '/')));
                }
            }
            else
            {
                throw new FileNotFoundException($"'{path}' is neither a file nor a folder.", path);
            }
        }

        return files;
    }
}

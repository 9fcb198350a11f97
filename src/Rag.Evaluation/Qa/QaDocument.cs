namespace Rag.Evaluation.Qa;

/// <summary>An indexed document as the question file may name it.</summary>
/// <param name="DocumentId">The index's document id.</param>
/// <param name="SetName">Its document set.</param>
/// <param name="Title">Its title.</param>
/// <param name="SourcePath">Its path relative to the ingested folder (the file name when a single file was ingested).</param>
public sealed record QaDocument(string DocumentId, string SetName, string Title, string SourcePath)
{
    /// <summary>
    /// True when <paramref name="expected"/> names this document, case-insensitively, as its document id, its source path
    /// relative to the ingest root, its file name, "set/source path", or its title. Backslashes count as slashes and a
    /// leading "./" is ignored.
    /// </summary>
    public bool Matches(string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var wanted = NormalisePath(expected);
        if (wanted.Length == 0)
        {
            return false;
        }

        var path = NormalisePath(SourcePath);
        var fileName = path[(path.LastIndexOf('/') + 1)..];
        return Same(wanted, DocumentId)
            || Same(wanted, path)
            || Same(wanted, fileName)
            || Same(wanted, SetName + "/" + path)
            || Same(wanted, Title.Trim());
    }

    private static bool Same(string a, string b) => b.Length > 0 && a.Equals(b, StringComparison.OrdinalIgnoreCase);

    private static string NormalisePath(string value)
    {
        var path = value.Trim().Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return path;
    }
}

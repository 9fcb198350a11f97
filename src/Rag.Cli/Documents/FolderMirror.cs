using Rag.Core.Storage;
using Rag.Ingest.Pipeline;

namespace Rag.Cli.Documents;

/// <summary>
/// <c>ingest --sync</c>: which documents of the set no longer have their file under the ingested paths. A document is
/// kept when the run saw its file, when its file still exists under one of the paths, or when it lies under a path the
/// run skipped (an unreadable folder is not proof that its files are gone); only what is verifiably gone is removed.
/// </summary>
internal static class FolderMirror
{
    public static IReadOnlyList<DocumentEntry> Gone(IReadOnlyList<string> paths, IReadOnlyList<IngestionResult> results, IReadOnlyList<DocumentEntry> documents)
    {
        var seen = results.Where(r => r.DocumentId is not null).Select(r => r.DocumentId!).ToHashSet(StringComparer.Ordinal);
        var skipped = results.Where(r => r.DocumentId is null).Select(r => Path.GetFullPath(r.Path)).ToList();
        var roots = paths.Select(Path.GetFullPath).Select(p => Directory.Exists(p) ? p : Path.GetDirectoryName(p) ?? p).Distinct(StringComparer.Ordinal).ToList();
        return [.. documents.Where(d => !seen.Contains(d.Document.DocumentId) && !roots.Any(root => StillThere(root, d.Document.SourcePath, skipped)))];
    }

    private static bool StillThere(string root, string relativePath, IReadOnlyList<string> skipped)
    {
        var full = Path.GetFullPath(Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar)));
        if (File.Exists(full) || Directory.Exists(full) || new FileInfo(full).LinkTarget is not null)
        {
            return true;
        }

        return skipped.Any(s => string.Equals(s, full, StringComparison.Ordinal) || full.StartsWith(s.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }
}

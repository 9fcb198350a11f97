using System.Globalization;
using System.Text;
using Rag.Core.Ids;
using Rag.Core.Text;

namespace Rag.Ingest.Pipeline;

/// <summary>
/// Refuses a request in which two different files would get one document id (the same path relative to two
/// folders given, or a file given directly beside a folder holding one of that name): otherwise the later file
/// silently replaces the earlier one. Checked before anything is written.
/// </summary>
internal static class DocumentIdCollisions
{
    private const int MaxListed = 10;

    /// <summary>
    /// <paramref name="files"/> without repeats of the same file (a file named twice is read once);
    /// throws naming both files of every collision when two different files share an id.
    /// </summary>
    /// <exception cref="InvalidOperationException">Two different files would have the same document id.</exception>
    public static IReadOnlyList<ListedFile> ThrowIfAny(string setName, IReadOnlyList<ListedFile> files)
    {
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<ListedFile>(files.Count);
        var collisions = new List<string>();
        foreach (var file in files)
        {
            if (!seen.Add(file.FullPath))
            {
                continue;
            }

            var id = DocumentIds.For(setName, file.RelativePath);
            if (byId.TryGetValue(id, out var first))
            {
                collisions.Add($"'{TerminalText.Escape(first)}' and '{TerminalText.Escape(file.FullPath)}' would both be '{TerminalText.Escape(DocumentIds.NormalizePath(file.RelativePath))}'");
                continue;
            }

            byId.Add(id, file.FullPath);
            unique.Add(file);
        }

        if (collisions.Count == 0)
        {
            return unique;
        }

        var message = new StringBuilder()
            .Append("Nothing was ingested: ").Append(collisions.Count == 1 ? "two files" : collisions.Count.ToString(CultureInfo.InvariantCulture) + " pairs of files")
            .Append(" would have the same document id in set '").Append(setName).Append("', and the later would replace the earlier: ")
            .AppendJoin("; ", collisions.Take(MaxListed));
        if (collisions.Count > MaxListed)
        {
            message.Append(CultureInfo.InvariantCulture, $"; and {collisions.Count - MaxListed} more");
        }

        message.Append(". A document is identified by its set and its path relative to the folder given: ingest the folders into different sets, or give their common parent folder instead.");
        throw new InvalidOperationException(message.ToString());
    }
}

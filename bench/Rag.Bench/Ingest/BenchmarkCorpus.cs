using Rag.Ingest.Readers;

namespace Rag.Bench.Ingest;

/// <summary>The files of a benchmark run: every supported file under the corpus in ordinal path order, or N of them evenly spaced in that order.</summary>
internal sealed record BenchmarkCorpus(string Root, int FilesInCorpus, IReadOnlyList<string> Files, long Bytes)
{
    public static BenchmarkCorpus Load(string corpus, int? limit, DocumentReaderRegistry readers)
    {
        var root = Path.GetFullPath(corpus);
        List<string> all;
        if (File.Exists(root))
        {
            all = [root];
        }
        else if (Directory.Exists(root))
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
            all = Directory.EnumerateFiles(root, "*", options)
                .Where(f => readers.TryGetReader(f, out _))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        else
        {
            throw new DirectoryNotFoundException($"The corpus '{corpus}' does not exist.");
        }

        if (all.Count == 0)
        {
            throw new InvalidOperationException($"The corpus '{corpus}' holds no file of a supported type ({string.Join(", ", readers.SupportedExtensions)}).");
        }

        if (limit is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The file limit must be at least 1.");
        }

        // A spread over the whole corpus rather than its first files: folders often start with their smallest examples.
        var files = limit is { } n && n < all.Count
            ? Enumerable.Range(0, n).Select(i => all[(int)((long)i * all.Count / n)]).ToList()
            : all;
        return new BenchmarkCorpus(root, all.Count, files, files.Sum(f => new FileInfo(f).Length));
    }
}

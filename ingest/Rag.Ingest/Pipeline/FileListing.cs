namespace Rag.Ingest.Pipeline;

/// <summary>What <see cref="FileEnumerator"/> found: the regular files to read, and every entry skipped with its reason.</summary>
internal sealed record FileListing(IReadOnlyList<ListedFile> Files, IReadOnlyList<SkippedPath> Skipped);

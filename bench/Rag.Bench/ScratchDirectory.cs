namespace Rag.Bench;

/// <summary>Throw-away folders of the benchmarks.</summary>
internal static class ScratchDirectory
{
    /// <summary>Deletes <paramref name="directory"/> if it exists; best effort, because a leftover folder must not hide a finished measurement.</summary>
    public static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort, as above.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}

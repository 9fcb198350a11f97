namespace Rag.Testing;

/// <summary>Locates the repository root and the shared folder beside it.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The repository root (the folder holding Rag.sln).</summary>
    public static string Root => RootLazy.Value;

    /// <summary>The <c>shared/</c> folder beside the repository (test data; never product code).</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("RAG_SHARED") is { Length: > 0 } s ? s : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>A file or folder under <see cref="Shared"/>; fails the test clearly when it is missing.</summary>
    public static string SharedPath(params string[] parts)
    {
        var path = Path.Combine([Shared, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new InvalidOperationException($"Test data '{path}' is missing: the shared folder must sit beside the repository.");
        }

        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rag.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Rag.sln not found above " + AppContext.BaseDirectory);
    }
}

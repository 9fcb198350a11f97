using Rag.Core.Access;

namespace Rag.Core.Ids;

/// <summary>
/// Stable document ids: the same set and source path always give the same id. The set takes part by its
/// <see cref="NameKey"/>, the rule the catalogue uses, so two names are one set exactly when they give one id;
/// the path takes part exactly (with '\' read as '/'), since two paths that differ in any way are two files.
/// </summary>
public static class DocumentIds
{
    private static readonly Guid Namespace = new("3f1c2a5e-8b7d-4c61-9a0e-5d2b6f4e7a10");

    /// <summary>Id of the document at <paramref name="sourcePath"/> in set <paramref name="setName"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="setName"/> breaks the <see cref="NameKey"/> rule.</exception>
    public static string For(string setName, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(setName);
        ArgumentNullException.ThrowIfNull(sourcePath);

        // A set key never holds a line break (NameKey refuses them), so "key\npath" names exactly one (set, path) pair.
        // For ASCII set names the key equals the lower-invariant name earlier builds used, so their ids are unchanged.
        return DeterministicGuid.Create(Namespace, NameKey.For(setName, "document set") + "\n" + NormalizePath(sourcePath)).ToString("N");
    }

    /// <summary>The path as it takes part in the id: '\' read as '/'.</summary>
    public static string NormalizePath(string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        return sourcePath.Replace('\\', '/');
    }
}

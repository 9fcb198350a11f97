namespace Rag.Core.Ids;

/// <summary>Stable document ids: the same set and source path always give the same id.</summary>
public static class DocumentIds
{
    private static readonly Guid Namespace = new("3f1c2a5e-8b7d-4c61-9a0e-5d2b6f4e7a10");

    /// <summary>Id of the document at <paramref name="sourcePath"/> in set <paramref name="setName"/>.</summary>
    public static string For(string setName, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(setName);
        ArgumentNullException.ThrowIfNull(sourcePath);
        var normalised = sourcePath.Replace('\\', '/');
        return DeterministicGuid.Create(Namespace, setName.ToLowerInvariant() + "\n" + normalised).ToString("N");
    }
}

namespace Rag.Core.Ids;

/// <summary>Deterministic chunk ids: UUIDv5 of document id, content version and chunk index.</summary>
public static class ChunkIds
{
    private static readonly Guid Namespace = new("9a4d7c3b-1e2f-4a58-b6c9-0d8e7f6a5b41");

    /// <summary>Id of chunk <paramref name="index"/> of version <paramref name="contentHash"/> of <paramref name="documentId"/>.</summary>
    public static Guid For(string documentId, string contentHash, int index) =>
        DeterministicGuid.Create(Namespace, FormattableString.Invariant($"{documentId}/{contentHash}/{index}"));
}

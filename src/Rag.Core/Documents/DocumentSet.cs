namespace Rag.Core.Documents;

/// <summary>A named collection of documents and the groups allowed to read it.</summary>
/// <param name="Name">Unique set name (case-insensitive).</param>
/// <param name="Groups">Groups whose members may read every document in the set.</param>
public sealed record DocumentSet(string Name, IReadOnlyList<string> Groups);

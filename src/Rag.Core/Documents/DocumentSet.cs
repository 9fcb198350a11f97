namespace Rag.Core.Documents;

/// <summary>A named collection of documents and the groups allowed to read it.</summary>
/// <param name="Name">Unique set name, compared by the <see cref="Access.NameKey"/> rule (only ASCII letters ignore case).</param>
/// <param name="Groups">Groups whose members may read every document in the set (compared by the same rule).</param>
public sealed record DocumentSet(string Name, IReadOnlyList<string> Groups);

using Rag.Core.Documents;

namespace Rag.Core.Storage;

/// <summary>An indexed document as the catalog holds it, with its chunk count and when it was indexed.</summary>
public sealed record DocumentEntry(SourceDocument Document, int Chunks, DateTimeOffset IndexedAt);

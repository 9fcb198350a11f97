using Rag.Core.Documents;

namespace Rag.Core.Storage;

/// <summary>A document set with its readers and how many documents and chunks it holds.</summary>
public sealed record DocumentSetEntry(DocumentSet Set, int Documents, int Chunks);

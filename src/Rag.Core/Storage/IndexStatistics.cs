namespace Rag.Core.Storage;

/// <summary>How much an index holds.</summary>
public sealed record IndexStatistics(int DocumentSets, int Documents, int Chunks);

namespace Rag.Ingest.Chunking;

/// <summary>What every chunk of one document version shares.</summary>
internal readonly record struct ChunkIdentity(string DocumentId, string SetName, string ContentHash);

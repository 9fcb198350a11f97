namespace Rag.Ingest.Chunking;

/// <summary>
/// An atomic piece of a section (a whole paragraph, a sentence, or a word-boundary piece of an oversized sentence):
/// characters <see cref="Start"/> to <see cref="End"/> (exclusive) of the document text, never more than the limit.
/// </summary>
internal readonly record struct ChunkUnit(int Start, int End, int Tokens, int Page);

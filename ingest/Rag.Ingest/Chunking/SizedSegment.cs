namespace Rag.Ingest.Chunking;

/// <summary>A segment of a text with its token count (counted on the segment's own text).</summary>
internal readonly record struct SizedSegment(int Start, int End, int Tokens);

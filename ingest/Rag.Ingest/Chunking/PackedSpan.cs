namespace Rag.Ingest.Chunking;

/// <summary>One chunk's span of the document text, its verified text and the pages it covers (0 when unpaged).</summary>
internal readonly record struct PackedSpan(int Start, int End, string Text, int FirstPage, int LastPage);

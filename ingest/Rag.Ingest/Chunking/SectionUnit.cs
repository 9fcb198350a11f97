namespace Rag.Ingest.Chunking;

/// <summary>
/// The smallest piece a section is packed from: a whole paragraph that fits the token limit, or one
/// sentence-sized piece of a paragraph that does not. Offsets index the document's text.
/// </summary>
internal readonly record struct SectionUnit(int Start, int End, int Tokens, int Page);

namespace Rag.Core.Documents;

/// <summary>A structural block of extracted text, in reading order.</summary>
/// <param name="Kind">Heading or paragraph.</param>
/// <param name="Text">The block's text, whitespace-normalised.</param>
/// <param name="HeadingLevel">1..6 for headings, 0 for paragraphs.</param>
/// <param name="Page">1-based page number, or 0 when the format has no pages.</param>
/// <param name="Offset">Character offset of the block in <see cref="ParsedDocument.Text"/>.</param>
public sealed record DocumentBlock(BlockKind Kind, string Text, int HeadingLevel, int Page, int Offset);

namespace Rag.Ingest.Readers;

/// <summary>A run of consecutive lines of one font size inside a PDF text block, in reading order.</summary>
/// <param name="Page">1-based page number.</param>
/// <param name="Text">Its lines, trimmed and separated by "\n" (cleaned and joined later by <see cref="ParsedDocumentBuilder"/>).</param>
/// <param name="FontSize">Dominant point size of the run's letters (0 when unknown, e.g. the fallback extractor).</param>
/// <param name="LineCount">Number of text lines in the run.</param>
/// <param name="CharacterCount">Number of letters, used to weight the body-size estimate.</param>
internal sealed record PdfTextRun(int Page, string Text, double FontSize, int LineCount, int CharacterCount);

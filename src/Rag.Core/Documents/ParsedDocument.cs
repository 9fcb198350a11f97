namespace Rag.Core.Documents;

/// <summary>What a reader extracted from one file.</summary>
/// <param name="Title">Title from metadata or the first heading; null when none was found.</param>
/// <param name="Blocks">Blocks in reading order; offsets index into <see cref="Text"/>.</param>
/// <param name="PageCount">Number of pages, or 0 when the format has no pages.</param>
public sealed record ParsedDocument(string? Title, IReadOnlyList<DocumentBlock> Blocks, int PageCount)
{
    /// <summary>The document's full extracted text: blocks joined by a blank line.</summary>
    public string Text => string.Join("\n\n", Blocks.Select(b => b.Text));
}

using Rag.Core.Documents;

namespace Rag.Ingest.Sandbox;

/// <summary>A parser child's answer: the document, or the reason it could not be read.</summary>
/// <param name="Title">The document's title (when read).</param>
/// <param name="Blocks">Its blocks (when read); null when it failed.</param>
/// <param name="PageCount">Its page count.</param>
/// <param name="Error">The reason it could not be read; null when read.</param>
/// <param name="Recycle">True when the child should not be reused (it ran out of memory, or a parser thread is still running).</param>
public sealed record ParseResponse(string? Title, IReadOnlyList<DocumentBlock>? Blocks, int PageCount, string? Error, bool Recycle)
{
    /// <summary>The answer for a document that was read.</summary>
    public static ParseResponse Read(ParsedDocument document) => new(document.Title, document.Blocks, document.PageCount, null, false);

    /// <summary>The answer for a document that failed.</summary>
    public static ParseResponse Failed(string reason, bool recycle = false) => new(null, null, 0, reason, recycle);
}

namespace Rag.Core.Documents;

/// <summary>A retrievable piece of a document, with everything needed to cite it.</summary>
/// <param name="Id">Deterministic id: UUIDv5 of document id, content version and index (<see cref="Ids.ChunkIds"/>).</param>
/// <param name="DocumentId">Owning document.</param>
/// <param name="SetName">Owning document set.</param>
/// <param name="Index">0-based position of the chunk in its document.</param>
/// <param name="Text">Chunk text as embedded and shown in citations.</param>
/// <param name="HeadingPath">Section headings enclosing the chunk, outermost first.</param>
/// <param name="FirstPage">First page the chunk covers (1-based), 0 when the format has no pages.</param>
/// <param name="LastPage">Last page the chunk covers, 0 when the format has no pages.</param>
/// <param name="StartOffset">Start character offset in the document's extracted text.</param>
/// <param name="EndOffset">End character offset (exclusive).</param>
public sealed record Chunk(
    Guid Id,
    string DocumentId,
    string SetName,
    int Index,
    string Text,
    IReadOnlyList<string> HeadingPath,
    int FirstPage,
    int LastPage,
    int StartOffset,
    int EndOffset)
{
    /// <summary>Content version (SHA-256) of the owning document when the chunk was read from the index; null otherwise.</summary>
    public string? DocumentVersion { get; init; }

    /// <summary>
    /// Source path of the owning document relative to the folder it was ingested from (the file name when one file
    /// was ingested), "/"-separated, when the chunk was read from the index; null otherwise.
    /// </summary>
    public string? SourcePath { get; init; }
}

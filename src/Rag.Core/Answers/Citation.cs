using Rag.Core.Retrieval;

namespace Rag.Core.Answers;

/// <summary>Where a cited sentence came from.</summary>
/// <param name="Number">The n of "[n]" in the answer text.</param>
/// <param name="DocumentId">Cited document.</param>
/// <param name="Title">Its title.</param>
/// <param name="Page">
/// First page of the cited chunk (1-based), 0 when the format has no pages. 0 is a sentinel kept from storage:
/// show <see cref="PageNumber"/>, which is null then, never this.
/// </param>
/// <param name="LastPage">Last page of the cited chunk (0 when the format has no pages).</param>
/// <param name="ChunkId">Cited chunk.</param>
/// <param name="Score">Relevance of the best cited sentence (cosine similarity to the question).</param>
/// <param name="Snippet">The cited text.</param>
/// <param name="HeadingPath">Section headings of the chunk, outermost first.</param>
public sealed record Citation(
    int Number,
    string DocumentId,
    string Title,
    int Page,
    int LastPage,
    Guid ChunkId,
    double Score,
    string Snippet,
    IReadOnlyList<string> HeadingPath)
{
    /// <summary>The cited document's path relative to the folder it was ingested from, "/"-separated; null when unknown.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The cited document's file name (the last part of <see cref="SourcePath"/>); null when unknown.</summary>
    public string? FileName => string.IsNullOrEmpty(SourcePath) ? null : SourcePath[(SourcePath.LastIndexOf('/') + 1)..];

    /// <summary>First page to show, or null when the document has no pages.</summary>
    public int? PageNumber => Page > 0 ? Page : null;

    /// <summary>Last page to show, or null when the document has no pages.</summary>
    public int? LastPageNumber => Page > 0 && LastPage > 0 ? LastPage : null;

    /// <summary>The citation numbered <paramref name="number"/> of <paramref name="hit"/>'s chunk, with its document's title and path.</summary>
    public static Citation For(int number, RetrievedChunk hit, double score, string snippet)
    {
        ArgumentNullException.ThrowIfNull(hit);
        var chunk = hit.Chunk;
        return new Citation(number, chunk.DocumentId, hit.DocumentTitle, chunk.FirstPage, chunk.LastPage, chunk.Id, score, snippet, chunk.HeadingPath)
        {
            SourcePath = chunk.SourcePath,
        };
    }
}

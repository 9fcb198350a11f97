namespace Rag.Core.Answers;

/// <summary>Where a cited sentence came from.</summary>
/// <param name="Number">The n of "[n]" in the answer text.</param>
/// <param name="DocumentId">Cited document.</param>
/// <param name="Title">Its title.</param>
/// <param name="Page">First page of the cited chunk (1-based), 0 when the format has no pages.</param>
/// <param name="LastPage">Last page of the cited chunk.</param>
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
    IReadOnlyList<string> HeadingPath);

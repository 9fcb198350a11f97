namespace Rag.Web.Workspaces.Ask;

/// <summary>One numbered citation as the citation panel shows it.</summary>
/// <param name="Number">The n of "[n]" in the answer.</param>
/// <param name="DocumentId">The cited document.</param>
/// <param name="Title">Its title.</param>
/// <param name="FileName">Its file name, or null when unknown.</param>
/// <param name="Page">The first cited page, or null when the format has no pages.</param>
/// <param name="LastPage">The last cited page, or null.</param>
/// <param name="HeadingPath">The section headings of the passage, outermost first.</param>
/// <param name="Snippet">The cited passage, split so the question's terms can be highlighted (text only, never markup).</param>
public sealed record CitationView(
    int Number,
    string DocumentId,
    string Title,
    string? FileName,
    int? Page,
    int? LastPage,
    IReadOnlyList<string> HeadingPath,
    IReadOnlyList<TextSegment> Snippet)
{
    /// <summary>Where the original file opens (at the cited page for a PDF), or null when the user may not open it.</summary>
    public string? OriginalUrl { get; init; }
}

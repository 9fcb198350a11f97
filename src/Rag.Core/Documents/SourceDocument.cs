namespace Rag.Core.Documents;

/// <summary>One indexed document version.</summary>
/// <param name="DocumentId">Stable id: derived from set name and source path, see <see cref="Ids.DocumentIds"/>.</param>
/// <param name="SetName">Document set the document belongs to.</param>
/// <param name="Title">Human-readable title (document metadata, first heading, or file name).</param>
/// <param name="SourcePath">Where the document came from (path relative to the ingested root where possible).</param>
/// <param name="ContentHash">SHA-256 (hex) of the file bytes: the content version.</param>
/// <param name="MediaType">Detected media type, e.g. application/pdf.</param>
/// <param name="PageCount">Number of pages (PDF) or 0 when the format has no pages.</param>
public sealed record SourceDocument(
    string DocumentId,
    string SetName,
    string Title,
    string SourcePath,
    string ContentHash,
    string MediaType,
    int PageCount);

using System.Text.Json;
using Rag.Core.Audit;
using Rag.Core.Documents;
using Rag.Ingest.Readers;

namespace Rag.Ingest.Pipeline;

/// <summary>
/// What the pipeline makes of one file, in one place: its catalogue entry and its audit record. The pipeline's stages
/// use these, and so does <c>bench ingest</c> when it runs a stage alone, so the two cannot drift apart.
/// </summary>
public static class IngestedDocuments
{
    /// <summary>The catalogue entry of a parsed file: its title is the document's own, else the file name without extension.</summary>
    public static SourceDocument Describe(
        string documentId, string setName, string fullPath, string relativePath, string contentHash, string mediaType, ParsedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var title = string.IsNullOrWhiteSpace(document.Title) ? TitleChooser.FromFileName(fullPath) : document.Title.Trim();
        return new SourceDocument(documentId, setName, title, relativePath, contentHash, mediaType, document.PageCount);
    }

    /// <summary>The <see cref="AuditActions.DocumentIndexed"/> record written before a document becomes searchable.</summary>
    public static AuditEvent Indexed(SourceDocument document, int chunks, string actor, string modelId, string? modelVersion)
    {
        ArgumentNullException.ThrowIfNull(document);
        var detail = JsonSerializer.Serialize(new { path = document.SourcePath, version = document.ContentHash, chunks, pages = document.PageCount });
        return new AuditEvent(AuditActions.DocumentIndexed, AuditActor.FromId(actor), [document.DocumentId, document.SetName], AuditOutcomes.Ok)
        {
            Detail = detail,
            ModelId = modelId,
            ModelVersion = modelVersion,
        };
    }
}

using System.Text.Json;
using Rag.Core.Audit;
using Rag.Core.Storage;

namespace Rag.Core.Documents;

/// <summary>
/// Removes documents and deletes document sets, audited before the change takes effect: the records
/// (<see cref="AuditActions.DocumentRemoved"/>, <see cref="AuditActions.DocumentSetDeleted"/>) are written first, in one
/// append, and if they cannot be written nothing is removed. Removal goes through <see cref="IDocumentIndex"/>, so a
/// document's chunks, vectors and keyword entries go together.
/// </summary>
public sealed class DocumentLifecycle(IDocumentIndex index, IDocumentInventory inventory, IAuditLog audit)
{
    /// <summary>
    /// Removes <paramref name="documents"/> (each stays removed even if a later one fails); <paramref name="reason"/> goes on
    /// each record (for example "removed by the operator", "file gone from the folder"). Returns how many were there.
    /// </summary>
    public async Task<int> RemoveDocumentsAsync(
        IReadOnlyList<SourceDocument> documents, AuditActor actor, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(actor);
        if (documents.Count == 0)
        {
            return 0;
        }

        await audit.AppendAsync([.. documents.Select(d => Removed(d, actor, reason))], cancellationToken);
        var removed = 0;
        foreach (var document in documents)
        {
            removed += await index.DeleteDocumentAsync(document.DocumentId, cancellationToken) ? 1 : 0;
        }

        return removed;
    }

    /// <summary>
    /// Deletes the set named <paramref name="name"/> with every document in it; null when there is no such set, else the
    /// number of documents removed. One <see cref="AuditActions.DocumentSetDeleted"/> record and one
    /// <see cref="AuditActions.DocumentRemoved"/> per document are written first.
    /// </summary>
    public async Task<int?> DeleteSetAsync(string name, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(actor);
        if (await index.GetDocumentSetAsync(name, cancellationToken) is not { } set)
        {
            return null;
        }

        var documents = await inventory.ListDocumentsAsync(set.Name, cancellationToken);
        var detail = JsonSerializer.Serialize(new { groups = set.Groups, documents = documents.Count, chunks = documents.Sum(d => d.Chunks) });
        AuditEvent[] records =
        [
            new AuditEvent(AuditActions.DocumentSetDeleted, actor, [set.Name], AuditOutcomes.Ok) { Detail = detail },
            .. documents.Select(d => Removed(d.Document, actor, "document set deleted")),
        ];
        await audit.AppendAsync(records, cancellationToken);
        foreach (var entry in documents)
        {
            await index.DeleteDocumentAsync(entry.Document.DocumentId, cancellationToken);
        }

        await inventory.DeleteEmptyDocumentSetAsync(set.Name, cancellationToken);
        return documents.Count;
    }

    private static AuditEvent Removed(SourceDocument document, AuditActor actor, string reason) =>
        new(AuditActions.DocumentRemoved, actor, [document.DocumentId, document.SetName], AuditOutcomes.Ok)
        {
            Detail = JsonSerializer.Serialize(new { path = document.SourcePath, version = document.ContentHash, reason }),
        };
}

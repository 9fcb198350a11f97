using System.Security.Claims;
using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Ingestion;
using Rag.Core.Storage;

namespace Rag.Web.Workspaces.Documents;

/// <summary>
/// Re-indexes and removes documents. Re-indexing queues the document's file again (from where its last job read it),
/// even when it failed before and has not changed since: the worker reads it afresh. Removal goes through
/// <see cref="DocumentLifecycle"/> (audited as <c>document.removed</c> before it takes effect) and deletes the uploaded
/// original, if the document came from an upload. Every method checks the caller's role itself.
/// </summary>
internal sealed class DocumentMaintenance(
    IDocumentCatalog catalog, IDocumentInventory inventory, IIngestJobStore jobs, DocumentLifecycle lifecycle, UploadStore uploads, DocumentFiles files)
{
    /// <summary>Queues document <paramref name="documentId"/> again; returns its job.</summary>
    /// <exception cref="KeyNotFoundException">No document or job has that id.</exception>
    /// <exception cref="FileNotFoundException">The document's file is no longer where it was read from.</exception>
    public async Task<IngestJob> ReindexAsync(ClaimsPrincipal user, string documentId, CancellationToken cancellationToken = default)
    {
        var actor = DocumentsAccess.RequireAdmin(user);
        var source = await files.LatestJobAsync(documentId, cancellationToken)
            ?? throw new KeyNotFoundException($"There is no document '{documentId}' whose file the queue knows.");
        if (!File.Exists(source.Request.FullPath))
        {
            throw new FileNotFoundException($"The file of '{source.Request.RelativePath}' is no longer at {source.Request.FullPath}: upload it again.", source.Request.FullPath);
        }

        var requeued = await jobs.EnqueueAsync([Again(source.Request, actor.Id, Guid.NewGuid().ToString("N"))], cancellationToken);
        return requeued[0];
    }

    /// <summary>Queues every document of set <paramref name="setName"/> whose file is still there; returns the jobs and the paths left out.</summary>
    /// <exception cref="KeyNotFoundException">There is no such set.</exception>
    public async Task<(IReadOnlyList<IngestJob> Jobs, IReadOnlyList<string> Missing)> ReindexSetAsync(ClaimsPrincipal user, string setName, CancellationToken cancellationToken = default)
    {
        var actor = DocumentsAccess.RequireAdmin(user);
        var set = await catalog.GetDocumentSetAsync(NameKey.Normalize(setName ?? string.Empty, "document set"), cancellationToken)
            ?? throw new KeyNotFoundException($"There is no document set named '{setName}'.");
        var latest = (await jobs.ListAsync(new IngestJobQuery(SetName: set.Name, Limit: 100_000), cancellationToken))
            .DistinctBy(j => j.DocumentId, StringComparer.Ordinal)
            .ToList();
        var indexed = (await inventory.ListDocumentsAsync(set.Name, cancellationToken)).Select(e => e.Document.DocumentId).ToHashSet(StringComparer.Ordinal);

        // A document removed since its last job (indexed job, no catalog entry) stays removed.
        var chosen = latest.Where(j => j.State != IngestJobState.Indexed || indexed.Contains(j.DocumentId)).ToList();
        var missing = chosen.Where(j => !File.Exists(j.Request.FullPath)).Select(j => j.Request.RelativePath).ToList();
        var batchId = Guid.NewGuid().ToString("N");
        var requests = chosen.Where(j => File.Exists(j.Request.FullPath)).Select(j => Again(j.Request, actor.Id, batchId)).ToList();
        var queued = requests.Count == 0 ? [] : await jobs.EnqueueAsync(requests, cancellationToken);
        return (queued, missing);
    }

    /// <summary>Removes document <paramref name="documentId"/> from the index (audited) and its uploaded file; false when it was not indexed.</summary>
    public async Task<bool> RemoveAsync(ClaimsPrincipal user, string documentId, CancellationToken cancellationToken = default)
    {
        var actor = DocumentsAccess.RequireAdmin(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        if (await catalog.GetDocumentAsync(documentId, cancellationToken) is not { } document)
        {
            return false;
        }

        var source = await files.LatestJobAsync(documentId, cancellationToken);
        var removed = await lifecycle.RemoveDocumentsAsync([document], actor, "removed by an admin", cancellationToken) > 0;
        if (removed && source is not null && uploads.Holds(source.Request.FullPath))
        {
            // The upload store keeps originals only for indexed documents: the original goes with its document.
            UploadStore.Discard(source.Request.FullPath);
        }

        return removed;
    }

    // No content hash: the store queues a file again only when its hash differs from a failed job's, and a re-index is
    // asked for exactly when the same file should be read again. The worker hashes the file as it reads it.
    private static IngestJobRequest Again(IngestJobRequest request, string actor, string batchId) =>
        request with { ContentHash = null, Actor = actor, BatchId = batchId };
}

using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Core.Documents;
using Rag.Core.Ingestion;
using Rag.Core.Storage;
using Rag.Web.Authentication;

namespace Rag.Web.Workspaces.Documents;

/// <summary>
/// The original file of an indexed document, for a caller whose groups may read its set: the same rule as search
/// (<see cref="IDocumentCatalog.GetReadableSetsAsync"/>). The file is the one its last job read (an upload, or a file
/// the command line ingested), and only when it still holds the indexed version (same SHA-256), so a citation never
/// opens a different text than the one it quotes. Every download is audited as <see cref="AuditActions.DocumentDownloaded"/>
/// before a byte is sent; a refusal is recorded too, and looks exactly like a document that does not exist.
/// </summary>
internal sealed class DocumentFiles(IDocumentCatalog catalog, IIngestJobStore jobs, IAuditLog audit)
{
    private const int MaxJobs = 100_000;
    private const int HashBufferBytes = 81920;

    /// <summary>
    /// Opens the file of <paramref name="documentId"/> for <paramref name="user"/>, positioned at its start, after
    /// recording the download; null when the document does not exist, the caller may not read its set, or its file is
    /// gone or changed (all alike to the caller).
    /// </summary>
    public async Task<DocumentFile?> OpenAsync(ClaimsPrincipal user, string documentId, string? clientAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || string.IsNullOrWhiteSpace(documentId))
        {
            return null;
        }

        var actor = RagClaims.Actor(user);
        var document = await catalog.GetDocumentAsync(documentId, cancellationToken);
        var readable = await catalog.GetReadableSetsAsync(RagClaims.Scope(user), cancellationToken);
        if (document is null || !readable.Contains(document.SetName, NameKey.Comparer))
        {
            await RecordAsync(actor, documentId, document?.SetName, AuditOutcomes.Denied, document is null ? "no such document" : "the caller's groups may not read its set", clientAddress, cancellationToken);
            return null;
        }

        var stream = await OpenIndexedVersionAsync(document, cancellationToken);
        if (stream is null)
        {
            await RecordAsync(actor, documentId, document.SetName, AuditOutcomes.Failed, "the original file is gone or no longer the indexed version", clientAddress, cancellationToken);
            return null;
        }

        try
        {
            await RecordAsync(actor, documentId, document.SetName, AuditOutcomes.Ok, null, clientAddress, cancellationToken, document);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }

        return new DocumentFile(document, stream);
    }

    /// <summary>The newest job of <paramref name="documentId"/>, or null when the queue has none.</summary>
    public async Task<IngestJob?> LatestJobAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        var set = (await catalog.GetDocumentAsync(documentId, cancellationToken))?.SetName;
        var listed = await jobs.ListAsync(new IngestJobQuery(SetName: set, Limit: MaxJobs), cancellationToken);
        return listed.FirstOrDefault(j => string.Equals(j.DocumentId, documentId, StringComparison.Ordinal));
    }

    private async Task<FileStream?> OpenIndexedVersionAsync(SourceDocument document, CancellationToken cancellationToken)
    {
        var listed = await jobs.ListAsync(new IngestJobQuery(SetName: document.SetName, Limit: MaxJobs), cancellationToken);
        foreach (var path in listed.Where(j => string.Equals(j.DocumentId, document.DocumentId, StringComparison.Ordinal)).Select(j => j.Request.FullPath).Distinct(StringComparer.Ordinal))
        {
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, HashBufferBytes, FileOptions.Asynchronous | FileOptions.SequentialScan);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            // Hashed and sent from one open handle: a file replaced (renamed over) in between is not the one sent.
            var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            if (string.Equals(hash, document.ContentHash, StringComparison.OrdinalIgnoreCase))
            {
                stream.Position = 0;
                return stream;
            }

            await stream.DisposeAsync();
        }

        return null;
    }

    private async Task RecordAsync(
        AuditActor actor, string documentId, string? setName, string outcome, string? reason, string? clientAddress, CancellationToken cancellationToken, SourceDocument? document = null) =>
        await audit.AppendAsync(
            new AuditEvent(AuditActions.DocumentDownloaded, actor, setName is null ? [documentId] : [documentId, setName], outcome)
            {
                Detail = JsonSerializer.Serialize(new { path = document?.SourcePath, version = document?.ContentHash, reason }),
                ClientAddress = clientAddress,
            },
            cancellationToken);
}

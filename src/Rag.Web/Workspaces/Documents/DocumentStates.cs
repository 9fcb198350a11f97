using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Core.Ingestion;
using Rag.Core.Storage;

namespace Rag.Web.Workspaces.Documents;

/// <summary>
/// Every document of a set with its live state, from the catalog and the ingestion queue (the same reading as
/// <c>rag documents list</c>), and a feed that polls them and hands the page a new list only when something changed.
/// </summary>
internal sealed class DocumentStates(IDocumentInventory inventory, IIngestJobStore jobs, IOptions<DocumentsOptions> options, TimeProvider time)
{
    private const int MaxJobs = 100_000;

    /// <summary>The documents of set <paramref name="setName"/>, by path.</summary>
    /// <exception cref="UnauthorizedAccessException">The caller is not an admin.</exception>
    public async Task<IReadOnlyList<DocumentStateRow>> ListAsync(ClaimsPrincipal user, string setName, CancellationToken cancellationToken = default)
    {
        DocumentsAccess.RequireAdmin(user);
        var set = NameKey.Normalize(setName ?? string.Empty, "document set");
        var rows = new Dictionary<string, DocumentStateRow>(StringComparer.Ordinal);
        foreach (var entry in await inventory.ListDocumentsAsync(set, cancellationToken))
        {
            var d = entry.Document;
            rows[d.DocumentId] = new DocumentStateRow(
                d.DocumentId, d.SetName, d.SourcePath, d.Title, IngestJobState.Indexed, null, d.PageCount, entry.Chunks, IngestJobProgress.None, true, entry.IndexedAt);
        }

        // Newest first: the first job seen for a document is its latest. An indexed job whose catalog entry is gone is a
        // document removed since: not listed.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in await jobs.ListAsync(new IngestJobQuery(SetName: set, Limit: MaxJobs), cancellationToken))
        {
            if (!seen.Add(job.DocumentId) || job.State == IngestJobState.Indexed)
            {
                continue;
            }

            var reason = job.State is IngestJobState.Failed or IngestJobState.Skipped or IngestJobState.Queued ? job.Reason : null;
            rows[job.DocumentId] = rows.TryGetValue(job.DocumentId, out var indexed)
                ? indexed with { State = job.State, Reason = reason, Progress = job.Progress, UpdatedAt = job.UpdatedAt }
                : new DocumentStateRow(
                    job.DocumentId, job.Request.SetName, job.Request.RelativePath, null, job.State, reason, job.Progress.PagesTotal, 0, job.Progress, false, job.UpdatedAt);
        }

        return [.. rows.Values.OrderBy(r => r.RelativePath, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The documents of <paramref name="setName"/> now, then again each time they change (polled every
    /// <see cref="DocumentsOptions.RefreshInterval"/>), until <paramref name="cancellationToken"/> ends it.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<DocumentStateRow>> WatchAsync(
        ClaimsPrincipal user, string setName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IReadOnlyList<DocumentStateRow>? last = null;
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        do
        {
            var now = await ListAsync(user, setName, cancellationToken);
            if (last is null || !now.SequenceEqual(last))
            {
                last = now;
                yield return now;
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }
}

using System.Text.Json;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Core.Documents;
using Rag.Core.Storage;

namespace Rag.Ingest.Pipeline;

/// <summary>
/// Readies a document set where ingestion is requested, before any of its files is queued: creates it, or changes who may
/// read it, each audited before it takes effect; or checks that it exists when no groups are named.
/// </summary>
public sealed class DocumentSetPreparation(IDocumentIndex index, IAuditLog audit)
{
    /// <summary>
    /// Creates set <paramref name="setName"/> (already normalised) readable by <paramref name="groups"/>, or changes its
    /// readers to them (audited first: if the record cannot be written, the readers do not change); with null groups the
    /// set must exist.
    /// </summary>
    /// <exception cref="InvalidOperationException">No groups were named and the set does not exist.</exception>
    public async Task PrepareAsync(string setName, IReadOnlyList<string>? groups, string actor, CancellationToken cancellationToken = default)
    {
        if (groups is not null)
        {
            var set = new DocumentSet(
                setName,
                groups.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => NameKey.Normalize(g, "group")).Distinct(NameKey.Comparer).ToList());
            var existing = await index.GetDocumentSetAsync(set.Name, cancellationToken);
            if (existing is null || !existing.Groups.ToHashSet(NameKey.Comparer).SetEquals(set.Groups))
            {
                var detail = JsonSerializer.Serialize(new { groups = set.Groups, previousGroups = existing?.Groups });
                await audit.AppendAsync(
                    new AuditEvent(existing is null ? AuditActions.DocumentSetCreated : AuditActions.DocumentSetChanged, AuditActor.FromId(actor), [existing?.Name ?? set.Name], AuditOutcomes.Ok) { Detail = detail },
                    cancellationToken);
                await index.UpsertDocumentSetAsync(set, cancellationToken);
            }
        }
        else if (await index.GetDocumentSetAsync(setName, cancellationToken) is null)
        {
            throw new InvalidOperationException($"Document set '{setName}' does not exist. Create it by naming the groups that may read it (--groups g1,g2).");
        }
    }
}

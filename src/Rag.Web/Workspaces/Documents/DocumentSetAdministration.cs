using System.Security.Claims;
using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Storage;
using Rag.Ingest.Pipeline;

namespace Rag.Web.Workspaces.Documents;

/// <summary>
/// Document sets as an admin manages them: list them with their readers and counts, create one, change who reads it
/// (both audited before they take effect, as <c>rag ingest --groups</c> does), delete one with its documents
/// (<see cref="DocumentLifecycle"/>, audited) and its uploaded files. Every method checks the caller's role itself.
/// </summary>
internal sealed class DocumentSetAdministration(
    IDocumentInventory inventory, IDocumentIndex index, DocumentSetPreparation preparation, DocumentLifecycle lifecycle, UploadStore uploads)
{
    /// <summary>Every set with its reader groups and its document and chunk counts, by name.</summary>
    public async Task<IReadOnlyList<DocumentSetEntry>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        DocumentsAccess.RequireAdmin(user);
        return await inventory.ListDocumentSetsAsync(cancellationToken);
    }

    /// <summary>Creates set <paramref name="name"/> readable by <paramref name="groups"/> (recorded as <c>documentset.created</c>).</summary>
    /// <exception cref="ArgumentException">The name or a group breaks the naming rule, or no group is given.</exception>
    /// <exception cref="InvalidOperationException">A set of that name exists.</exception>
    public async Task<DocumentSet> CreateAsync(ClaimsPrincipal user, string name, IReadOnlyList<string> groups, CancellationToken cancellationToken = default)
    {
        var actor = DocumentsAccess.RequireAdmin(user);
        var setName = NameKey.Normalize(name ?? string.Empty, "document set");
        var readers = Readers(groups);
        if (await index.GetDocumentSetAsync(setName, cancellationToken) is { } existing)
        {
            throw new InvalidOperationException($"A document set named '{existing.Name}' already exists: change its readers instead, or choose another name.");
        }

        await preparation.PrepareAsync(setName, readers, actor.Id, cancellationToken);
        return await index.GetDocumentSetAsync(setName, cancellationToken) ?? new DocumentSet(setName, readers);
    }

    /// <summary>Makes <paramref name="groups"/> the readers of set <paramref name="name"/> (recorded as <c>documentset.changed</c> when they differ).</summary>
    /// <exception cref="ArgumentException">A group breaks the naming rule, or no group is given.</exception>
    /// <exception cref="KeyNotFoundException">There is no such set.</exception>
    public async Task<DocumentSet> ChangeReadersAsync(ClaimsPrincipal user, string name, IReadOnlyList<string> groups, CancellationToken cancellationToken = default)
    {
        var actor = DocumentsAccess.RequireAdmin(user);
        var readers = Readers(groups);
        var set = await RequireSetAsync(name, cancellationToken);
        await preparation.PrepareAsync(set.Name, readers, actor.Id, cancellationToken);
        return await index.GetDocumentSetAsync(set.Name, cancellationToken) ?? set;
    }

    /// <summary>
    /// Deletes set <paramref name="name"/>: its documents first (each recorded as <c>document.removed</c>, the set as
    /// <c>documentset.deleted</c>), then its uploaded files. Returns how many documents were removed.
    /// </summary>
    /// <exception cref="KeyNotFoundException">There is no such set.</exception>
    public async Task<int> DeleteAsync(ClaimsPrincipal user, string name, CancellationToken cancellationToken = default)
    {
        var actor = DocumentsAccess.RequireAdmin(user);
        var set = await RequireSetAsync(name, cancellationToken);
        var removed = await lifecycle.DeleteSetAsync(set.Name, actor, cancellationToken)
            ?? throw new KeyNotFoundException($"There is no document set named '{set.Name}'.");
        var folder = uploads.SetFolder(set.Name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return removed;
    }

    private async Task<DocumentSet> RequireSetAsync(string name, CancellationToken cancellationToken)
    {
        var setName = NameKey.Normalize(name ?? string.Empty, "document set");
        return await index.GetDocumentSetAsync(setName, cancellationToken)
            ?? throw new KeyNotFoundException($"There is no document set named '{setName}'.");
    }

    private static List<string> Readers(IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var readers = groups.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => NameKey.Normalize(g, "group")).Distinct(NameKey.Comparer).ToList();
        return readers.Count > 0
            ? readers
            : throw new ArgumentException("Choose at least one group that may read the set: a set no group reads is visible to nobody.", nameof(groups));
    }
}

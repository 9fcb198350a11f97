using Rag.Core.Access;
using Rag.Core.Ingestion;
using Rag.Core.Storage;

namespace Rag.Cli.Documents;

/// <summary>Reads <see cref="DocumentRow"/>s from the catalog and, where the deployment has one, the ingestion queue.</summary>
internal static class DocumentRows
{
    public static async Task<IReadOnlyList<DocumentRow>> ReadAsync(
        IDocumentInventory inventory, IIngestJobStore? jobs, string? setName, CancellationToken cancellationToken)
    {
        var entries = await inventory.ListDocumentsAsync(setName, cancellationToken);
        var rows = entries.ToDictionary(
            e => e.Document.DocumentId,
            e => new DocumentRow(e.Document.DocumentId, e.Document.SetName, e.Document.SourcePath, e, null),
            StringComparer.Ordinal);
        if (jobs is not null)
        {
            var setKey = setName is null ? null : NameKey.Normalize(setName, "set");
            // Newest first: the first job seen for a document is its latest.
            foreach (var job in await jobs.ListAsync(new IngestJobQuery(SetName: setKey, Limit: 100_000), cancellationToken))
            {
                if (rows.TryGetValue(job.DocumentId, out var row))
                {
                    if (row.Job is null)
                    {
                        rows[job.DocumentId] = row with { Job = job };
                    }
                }
                else if (job.State != IngestJobState.Indexed)
                {
                    // An indexed job without its catalog entry is a document removed since: not listed.
                    rows[job.DocumentId] = new DocumentRow(job.DocumentId, job.Request.SetName, job.Request.RelativePath, null, job);
                }
            }
        }

        return [.. rows.Values.OrderBy(r => r.SetName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.RelativePath, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The row that <paramref name="idOrPath"/> names: a document id, or a path relative to the ingested folder. Throws
    /// <see cref="InvalidOperationException"/> when it names none, or several (the same path in two sets: name the set).
    /// </summary>
    public static DocumentRow Resolve(IReadOnlyList<DocumentRow> rows, string idOrPath)
    {
        var byId = rows.Where(r => string.Equals(r.DocumentId, idOrPath, StringComparison.Ordinal)).ToList();
        if (byId.Count == 1)
        {
            return byId[0];
        }

        var path = idOrPath.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        var byPath = rows.Where(r => string.Equals(r.RelativePath, path, StringComparison.Ordinal)).ToList();
        return byPath.Count switch
        {
            1 => byPath[0],
            0 => throw new InvalidOperationException(
                $"No document '{idOrPath}': give a document id or its path relative to the ingested folder, as `rag documents list` shows them."),
            _ => throw new InvalidOperationException(
                $"'{idOrPath}' is in several sets ({string.Join(", ", byPath.Select(r => r.SetName))}): name one with --set."),
        };
    }
}

namespace Rag.Web.Workspaces.Audit;

/// <summary>One chunk a question retrieved, described for a person: its document by title and file name, set and pages.</summary>
/// <param name="Rank">1-based position in the retrieval.</param>
/// <param name="ChunkId">The chunk id recorded.</param>
/// <param name="DocumentId">The document id recorded.</param>
/// <param name="Version">The document version (content SHA-256) recorded, if any.</param>
/// <param name="Score">The retrieval score recorded.</param>
/// <param name="State">Whether the catalog still holds the chunk or its document.</param>
public sealed record AuditRetrievedSource(int Rank, string ChunkId, string DocumentId, string? Version, double? Score, AuditSourceState State)
{
    /// <summary>The document's title (null when the document is no longer indexed: the audit trail records its path, not its title).</summary>
    public string? Title { get; init; }

    /// <summary>The document's path relative to the folder it was ingested from.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The file name (last part of <see cref="SourcePath"/>).</summary>
    public string? FileName => SourcePath is { Length: > 0 } path ? path[(path.LastIndexOf('/') + 1)..] : null;

    /// <summary>The document set.</summary>
    public string? SetName { get; init; }

    /// <summary>First page of the chunk (1-based; 0 when the format has no pages or it is not known).</summary>
    public int FirstPage { get; init; }

    /// <summary>Last page of the chunk.</summary>
    public int LastPage { get; init; }

    /// <summary>True when the answer cited this chunk.</summary>
    public bool Cited { get; init; }
}

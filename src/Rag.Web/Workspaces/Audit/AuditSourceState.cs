namespace Rag.Web.Workspaces.Audit;

/// <summary>Where the description of a retrieved chunk comes from.</summary>
public enum AuditSourceState
{
    /// <summary>The chunk is still indexed: title, file, set and pages from the catalog.</summary>
    Indexed,

    /// <summary>The document is still indexed, but in another version: title, file and set from the catalog, pages unknown.</summary>
    Replaced,

    /// <summary>The document is no longer indexed: file, set and version as the audit trail recorded them.</summary>
    Removed,
}

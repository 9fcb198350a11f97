namespace Rag.Web.Workspaces.Audit;

/// <summary>
/// What a download exports: the filters the signed export format carries (docs/audit-export.md: time range, user,
/// action). Document and outcome filters are not part of that format, so an export never applies them silently.
/// </summary>
public sealed record AuditExportFilter
{
    /// <summary>Records at or after this time (inclusive).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Records before this time (exclusive); null: up to and including the export's own record.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>The actor id (exact).</summary>
    public string? UserId { get; init; }

    /// <summary>The action (exact).</summary>
    public string? Action { get; init; }

    /// <summary>The export filter of the grid's <paramref name="filter"/> (its document and outcome are not carried).</summary>
    public static AuditExportFilter Of(AuditLogFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new AuditExportFilter { From = filter.From, To = filter.To, UserId = filter.UserId, Action = filter.Action };
    }
}

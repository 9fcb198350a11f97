using Rag.Core.Audit;

namespace Rag.Web.Workspaces.Audit;

/// <summary>The Audit workspace's filter: time range, user, action, document and outcome (all exact; empty means any).</summary>
public sealed record AuditLogFilter
{
    /// <summary>Records at or after this time (inclusive).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Records before this time (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>The actor id (e.g. <c>os:alice</c>, <c>apikey:reports</c>).</summary>
    public string? UserId { get; init; }

    /// <summary>The action (e.g. <c>question.asked</c>).</summary>
    public string? Action { get; init; }

    /// <summary>A document id (or chunk id, set name) among the records' targets.</summary>
    public string? Document { get; init; }

    /// <summary>The outcome (e.g. <c>denied</c>).</summary>
    public string? Outcome { get; init; }

    /// <summary>
    /// Only records up to this sequence number: the newest one when the filter was first applied, so that pages stay
    /// stable while records (this workspace's own <c>audit.read</c> among them) are appended. Null: set by the first page.
    /// </summary>
    public long? Through { get; init; }

    /// <summary>A clear message when the filter cannot match anything by construction, else null.</summary>
    public string? Problem() =>
        From is { } from && To is { } to && from >= to
            ? $"The time range is empty: 'from' ({from:u}) must be before 'to' ({to:u})."
            : null;

    /// <summary>The store query for this filter (page size as given).</summary>
    public AuditQuery ToQuery(int pageSize) => new()
    {
        From = From,
        To = To,
        UserId = Trimmed(UserId),
        Action = Trimmed(Action),
        Target = Trimmed(Document),
        Outcome = Trimmed(Outcome),
        Before = Through + 1,
        PageSize = pageSize,
    };

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

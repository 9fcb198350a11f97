namespace Rag.Core.Audit;

/// <summary>
/// What a compliance screen needs beyond <see cref="IAuditLog.QueryAsync"/>: how many records a filter matches, a page at
/// any offset (a grid jumps to page 40), and the records of one question. Done by the store (indexed), never by reading
/// the whole log. Like <see cref="IAuditLog.QueryAsync"/>, it does not audit itself: callers record <see cref="AuditActions.AuditRead"/>.
/// </summary>
public interface IAuditSearch
{
    /// <summary>Longest list <see cref="CorrelatedAsync"/> returns.</summary>
    public const int MaxCorrelated = 1000;

    /// <summary>How many records match <paramref name="query"/>'s filters (<see cref="AuditQuery.Before"/> included; the page size ignored).</summary>
    Task<long> CountAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <see cref="AuditQuery.PageSize"/> records matching <paramref name="query"/>, after skipping <paramref name="skip"/>
    /// of them, newest first (or oldest first when <paramref name="oldestFirst"/>). Pass the newest sequence seen as
    /// <see cref="AuditQuery.Before"/> (+1) to keep the pages stable while records are appended.
    /// </summary>
    Task<IReadOnlyList<AuditRecord>> SliceAsync(AuditQuery query, int skip, bool oldestFirst, CancellationToken cancellationToken = default);

    /// <summary>The records that carry <paramref name="correlationId"/> (one question: asked, retrieved, answered, and any refusal), oldest first, at most <see cref="MaxCorrelated"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> CorrelatedAsync(string correlationId, CancellationToken cancellationToken = default);
}

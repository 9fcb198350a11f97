namespace Rag.Core.Audit;

/// <summary>
/// Append-only, hash-chained audit trail. Writes happen before the result reaches the user; when the write fails
/// the caller must refuse the action (fail closed). There is no update or delete.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends <paramref name="auditEvent"/> and returns it as stored.</summary>
    Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    /// <summary>Appends <paramref name="auditEvents"/> atomically (all or none), in order, and returns them as stored.</summary>
    Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken = default);

    /// <summary>Reads records with sequence numbers from <paramref name="fromSequence"/>, oldest first.</summary>
    IAsyncEnumerable<AuditRecord> ReadAsync(long fromSequence = 1, CancellationToken cancellationToken = default);

    /// <summary>One page of records matching <paramref name="query"/>, newest first. Does not audit itself: callers record <see cref="AuditActions.AuditRead"/>.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}

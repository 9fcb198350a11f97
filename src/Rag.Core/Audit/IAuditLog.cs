namespace Rag.Core.Audit;

/// <summary>
/// Append-only audit trail. Writes happen before the result reaches the user; when the write fails
/// the caller must refuse the action (fail closed).
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends <paramref name="auditEvent"/> and returns it as stored.</summary>
    Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    /// <summary>Reads records with sequence numbers from <paramref name="fromSequence"/>, oldest first.</summary>
    IAsyncEnumerable<AuditRecord> ReadAsync(long fromSequence = 1, CancellationToken cancellationToken = default);
}

using Rag.Core.Audit;

namespace Rag.Audit.Tests.Export;

/// <summary>An audit log that runs <see cref="BeforeAppend"/> before passing appends on (to observe them, or to fail them).</summary>
internal sealed class HookedAuditLog(IAuditLog inner) : IAuditLog
{
    public Action<AuditEvent>? BeforeAppend { get; set; }

    public Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        BeforeAppend?.Invoke(auditEvent);
        return inner.AppendAsync(auditEvent, cancellationToken);
    }

    public Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken = default)
    {
        foreach (var auditEvent in auditEvents)
        {
            BeforeAppend?.Invoke(auditEvent);
        }

        return inner.AppendAsync(auditEvents, cancellationToken);
    }

    public IAsyncEnumerable<AuditRecord> ReadAsync(long fromSequence = 1, CancellationToken cancellationToken = default) => inner.ReadAsync(fromSequence, cancellationToken);

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);
}

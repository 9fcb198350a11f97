using Rag.Core.Audit;

namespace Rag.Core.Tests;

/// <summary>Fake audit log whose writes always fail, as a full or read-only disk would.</summary>
internal sealed class FailingAuditLogFake : IAuditLog
{
    public Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
        throw new IOException("disk full");

    public Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken = default) =>
        throw new IOException("disk full");

    public IAsyncEnumerable<AuditRecord> ReadAsync(long fromSequence = 1, CancellationToken cancellationToken = default) =>
        AsyncEnumerable.Empty<AuditRecord>();

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(new AuditPage([], null));
}

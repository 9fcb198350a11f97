using Rag.Core.Audit;

namespace Rag.Egress.Tests.Fakes;

/// <summary>An audit log whose every write fails (a full disk, a locked file).</summary>
internal sealed class AuditLogFailingFake : IAuditLog
{
    public Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
        Task.FromException<AuditRecord>(new IOException("disk full"));

    public Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken = default) =>
        Task.FromException<IReadOnlyList<AuditRecord>>(new IOException("disk full"));

    public IAsyncEnumerable<AuditRecord> ReadAsync(long fromSequence = 1, CancellationToken cancellationToken = default) =>
        AsyncEnumerable.Empty<AuditRecord>();

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(new AuditPage([], null));
}

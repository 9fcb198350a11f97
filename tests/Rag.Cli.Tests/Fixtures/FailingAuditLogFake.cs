using Rag.Core.Audit;

namespace Rag.Cli.Tests.Fixtures;

/// <summary>Fake: an audit log whose disk is full (a real one cannot be made to fail on demand when tests run as root).</summary>
internal sealed class FailingAuditLogFake : IAuditLog
{
    public Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
        throw new AuditUnavailableException("The audit log could not be written (disk full).");

    public Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken = default) =>
        throw new AuditUnavailableException("The audit log could not be written (disk full).");

    public IAsyncEnumerable<AuditRecord> ReadAsync(long fromSequence = 1, CancellationToken cancellationToken = default) =>
        AsyncEnumerable.Empty<AuditRecord>();

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(new AuditPage([], null));
}

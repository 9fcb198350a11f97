using Rag.Core.Audit;

namespace Rag.Core.Tests;

/// <summary>Fake audit log that keeps events in memory (Core unit tests only; the SQLite log is tested in Rag.Storage.Tests).</summary>
internal sealed class RecordingAuditLogFake : IAuditLog
{
    public List<AuditEvent> Events { get; } = [];

    public Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        Events.Add(auditEvent);
        return Task.FromResult(new AuditRecord(Events.Count, DateTimeOffset.UtcNow, auditEvent));
    }

    public IAsyncEnumerable<AuditRecord> ReadAsync(long fromSequence = 1, CancellationToken cancellationToken = default) =>
        AsyncEnumerable.Empty<AuditRecord>();
}

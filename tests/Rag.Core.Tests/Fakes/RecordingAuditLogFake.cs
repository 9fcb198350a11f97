using Rag.Core.Audit;

namespace Rag.Core.Tests;

/// <summary>Fake audit log that keeps events in memory (Core unit tests only; the SQLite log is tested in Rag.Audit.Tests).</summary>
internal sealed class RecordingAuditLogFake : IAuditLog
{
    // The chain lives in Rag.Audit; a recording fake links nothing (the all-zero hash is the chain's genesis).
    private static readonly string NoHash = new('0', 64);

    public List<AuditEvent> Events { get; } = [];

    /// <summary>Appends fail from this many events on (simulates a disk that fills up mid-request).</summary>
    public int FailAfter { get; set; } = int.MaxValue;

    public async Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
        (await AppendAsync([auditEvent], cancellationToken))[0];

    public Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken = default)
    {
        if (Events.Count + auditEvents.Count > FailAfter)
        {
            throw new IOException("disk full");
        }

        var records = new List<AuditRecord>();
        foreach (var auditEvent in auditEvents)
        {
            Events.Add(auditEvent);
            records.Add(new AuditRecord(Events.Count, DateTimeOffset.UtcNow, auditEvent, NoHash, NoHash));
        }

        return Task.FromResult<IReadOnlyList<AuditRecord>>(records);
    }

    public IAsyncEnumerable<AuditRecord> ReadAsync(long fromSequence = 1, CancellationToken cancellationToken = default) =>
        AsyncEnumerable.Empty<AuditRecord>();

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(new AuditPage([], null));
}

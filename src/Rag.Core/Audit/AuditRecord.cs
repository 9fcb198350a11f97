namespace Rag.Core.Audit;

/// <summary>An audit event as stored: with its gap-free sequence number and UTC time.</summary>
public sealed record AuditRecord(long Sequence, DateTimeOffset Time, AuditEvent Event);

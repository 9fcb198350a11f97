namespace Rag.Core.Audit;

/// <summary>An audit event as stored: gap-free sequence number, UTC time, and its link in the hash chain.</summary>
/// <param name="Sequence">1, 2, 3, … without gaps (a purge removes a whole prefix and leaves a signed marker).</param>
/// <param name="Time">When it was written (UTC, 100 ns precision).</param>
/// <param name="Event">What happened.</param>
/// <param name="PreviousHash">Hex SHA-256 of the record before (or of the purge marker / genesis).</param>
/// <param name="Hash">Hex SHA-256 over <see cref="PreviousHash"/> and the canonical form (<c>AuditChain</c> in Rag.Audit).</param>
public sealed record AuditRecord(long Sequence, DateTimeOffset Time, AuditEvent Event, string PreviousHash, string Hash)
{
    /// <summary>
    /// The record's keyed MAC (<c>AuditRecordMac</c> in Rag.Audit), proof that a process holding the signing key wrote it;
    /// null for records written before schema 3 (they are vouched for by the checkpoints that cover them). Not part of the hash.
    /// </summary>
    public string? Mac { get; init; }
}

namespace Rag.Audit;

/// <summary>A writer refused to extend the log because record <paramref name="FirstSequence"/> was not vouched for (kept in <c>audit_refusals</c>, outside the chain it would not extend).</summary>
/// <param name="FirstSequence">The first record that was not vouched for.</param>
/// <param name="FirstTime">The first refusal.</param>
/// <param name="LastTime">The latest refusal.</param>
/// <param name="Attempts">How many appends or checkpoints were refused.</param>
/// <param name="Reason">What was wrong with the record.</param>
public sealed record AuditRefusal(long FirstSequence, DateTimeOffset FirstTime, DateTimeOffset LastTime, long Attempts, string Reason);

namespace Rag.Core.Audit;

/// <summary>One page of an <see cref="AuditQuery"/>, newest first.</summary>
/// <param name="Records">The records.</param>
/// <param name="NextBefore">Pass as <see cref="AuditQuery.Before"/> for the next (older) page; null on the last page.</param>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Records, long? NextBefore);

using Rag.Core.Audit;

namespace Rag.Web.Workspaces.Audit;

/// <summary>One page of the audit grid.</summary>
/// <param name="Records">The records of the page, in the order asked.</param>
/// <param name="TotalCount">How many records the filter matches (up to <paramref name="Through"/>).</param>
/// <param name="Through">The newest sequence number the pages cover; pass it back in <see cref="AuditLogFilter.Through"/> for the next page.</param>
public sealed record AuditLogSlice(IReadOnlyList<AuditRecord> Records, long TotalCount, long Through);

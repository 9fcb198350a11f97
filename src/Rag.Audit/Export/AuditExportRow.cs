using Rag.Core.Audit;

namespace Rag.Audit.Export;

/// <summary>One data row of an export file as read back: its record, or why it could not be read.</summary>
/// <param name="Number">1-based data row number (the CSV header is not counted).</param>
/// <param name="Record">The record in the row's cells; null when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the row could not be read.</param>
internal sealed record AuditExportRow(long Number, AuditRecord? Record, string? Error);

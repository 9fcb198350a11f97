namespace Rag.Audit.Export;

/// <summary>One thing wrong with an export.</summary>
/// <param name="Row">The 1-based data row of the file it concerns (the CSV header not counted), or null for the file as a whole.</param>
/// <param name="Sequence">That row's sequence number, when the row could be read.</param>
/// <param name="Message">What is wrong, naming the row.</param>
public sealed record AuditExportProblem(long? Row, long? Sequence, string Message);

using Rag.Core.Audit;

namespace Rag.Audit.Verification;

/// <summary>The last checkpoint a store recorded signing (kept beside the records), so a checkpoint file that lost it is noticed.</summary>
/// <param name="Number">Its number in the checkpoint file.</param>
/// <param name="Sequence">The last record it covers.</param>
public sealed record AuditRecordedCheckpoint(long Number, long Sequence);

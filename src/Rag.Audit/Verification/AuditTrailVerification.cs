using Rag.Core.Audit;

namespace Rag.Audit.Verification;

/// <summary>The outcome of verifying the audit trail, with what a reader needs to judge it.</summary>
/// <param name="Report">What the chain, checkpoint and target-index checks found.</param>
/// <param name="Trust">The key the signatures were checked with, and whether it is the pinned one.</param>
/// <param name="CheckpointPath">The checkpoint file checked against.</param>
/// <param name="Elapsed">How long the checks took.</param>
/// <param name="Refusals">The times a writer refused to extend the log past a record it could not vouch for.</param>
public sealed record AuditTrailVerification(
    AuditVerificationReport Report,
    AuditKeyTrust Trust,
    string CheckpointPath,
    TimeSpan Elapsed,
    IReadOnlyList<AuditRefusal> Refusals);

using Rag.Audit.Verification;

namespace Rag.Web.Workspaces.Audit;

/// <summary>The result of verifying the audit trail, as the Audit workspace shows it.</summary>
/// <param name="Verification">What the chain, checkpoint and index checks found, and the trust anchor.</param>
/// <param name="Recorded">True when the <c>audit.verified</c> record was written; false only for damage found while the log refused to record it.</param>
/// <param name="NotRecordedReason">Why it was not recorded, else null.</param>
public sealed record AuditVerificationSummary(AuditTrailVerification Verification, bool Recorded, string? NotRecordedReason)
{
    /// <summary>True when nothing was found.</summary>
    public bool Intact => Verification.Report.Intact;
}

using System.Security.Claims;
using System.Text.Json;
using Rag.Audit.Verification;
using Rag.Core.Audit;

namespace Rag.Web.Workspaces.Audit;

/// <summary>
/// Verifies the audit trail (hash chain, signed checkpoints, record MACs, target index) with the existing verifier and
/// records the check (<c>audit.verified</c>, outcome <c>ok</c> or <c>damaged</c>) before the result is shown, as
/// <c>rag audit verify</c> does: an intact result that cannot be recorded is withheld; damage is shown even then.
/// </summary>
public sealed class AuditVerificationRunner(AuditTrailVerifier verifier, IAuditLog log)
{
    /// <exception cref="UnauthorizedAccessException">The caller is not a compliance officer.</exception>
    /// <exception cref="AuditUnavailableException">The log is intact but the check could not be recorded.</exception>
    public async Task<AuditVerificationSummary> VerifyAsync(ClaimsPrincipal user, string clientAddress, CancellationToken cancellationToken = default)
    {
        ComplianceAccess.Demand(user);
        var verification = await verifier.VerifyAsync(new AuditTrailVerificationRequest(), cancellationToken);
        var report = verification.Report;
        try
        {
            await log.AppendAsync(
                new AuditEvent(AuditActions.AuditVerified, ComplianceAccess.Actor(user), [], report.Intact ? AuditOutcomes.Ok : AuditOutcomes.Damaged)
                {
                    Detail = JsonSerializer.Serialize(new
                    {
                        records = report.RecordsChecked,
                        lastSequence = report.LastSequence,
                        checkpoints = verification.CheckpointPath,
                        key = verification.Trust.Fingerprint,
                        pinning = verification.Trust.Pinning.ToString(),
                        damage = report.Damage.Select(d => d.Message),
                    }),
                    ClientAddress = clientAddress,
                },
                cancellationToken);
            return new AuditVerificationSummary(verification, Recorded: true, NotRecordedReason: null);
        }
        catch (Exception ex) when (!report.Intact && ex is AuditUnavailableException or InvalidOperationException)
        {
            // A damaged log may refuse to be extended (an unvouched tail): the damage is what the officer must see.
            return new AuditVerificationSummary(verification, Recorded: false, NotRecordedReason: ex.Message);
        }
    }
}

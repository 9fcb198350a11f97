using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Rag.Core.Audit;
using Rag.Web.Authentication;
using Rag.Web.Hosting;

namespace Rag.Web.Accounts;

/// <summary>
/// Password sign-in for the sign-in page: Identity checks the password (counting failures towards lockout) and sets the
/// cookie; every attempt is recorded as <c>auth.signin</c>: ok, or denied with the reason (never the password).
/// </summary>
internal sealed class LocalSignIn(SignInManager<RagUser> signIn, IAuditLog audit, ILogger<LocalSignIn> logger)
{
    /// <summary>Longest claimed user name recorded for a refused sign-in; a longer one is cut.</summary>
    public const int MaxRecordedUserName = 64;

    public const string Scheme = "local";

    public async Task<SignInOutcome> PasswordSignInAsync(string userName, string password, string clientAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        userName = userName.Trim();
        var user = await signIn.UserManager.FindByNameAsync(userName);
        var result = user is null ? SignInResult.Failed : await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        var outcome = result.Succeeded ? SignInOutcome.SignedIn : result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.WrongUserNameOrPassword;
        await RecordAsync(outcome, userName, user, clientAddress, cancellationToken);
        return outcome;
    }

    private async Task RecordAsync(SignInOutcome outcome, string userName, RagUser? user, string clientAddress, CancellationToken cancellationToken)
    {
        AuditEvent record;
        if (outcome == SignInOutcome.SignedIn && user is not null)
        {
            var principal = await signIn.CreateUserPrincipalAsync(user);
            record = new AuditEvent(AuditActions.SignIn, RagClaims.Actor(principal) with { Roles = [.. principal.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value)] }, [user.Id], AuditOutcomes.Ok)
            {
                Detail = JsonSerializer.Serialize(new { scheme = Scheme }),
                ClientAddress = clientAddress,
            };
        }
        else
        {
            var claimed = userName.Length > MaxRecordedUserName ? userName[..MaxRecordedUserName] : userName;
            var subject = user?.Id ?? DeniedSignInRecords.Anonymous;
            record = new AuditEvent(AuditActions.SignIn, AuditActor.FromId(subject), user is null ? [] : [user.Id], AuditOutcomes.Denied)
            {
                Detail = JsonSerializer.Serialize(new
                {
                    scheme = Scheme,
                    reason = outcome == SignInOutcome.LockedOut ? "locked-out" : "wrong-user-name-or-password",
                    userName = claimed,
                    knownUser = user is not null,
                }),
                ClientAddress = clientAddress,
            };
        }

        try
        {
            await audit.AppendAsync(record, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && outcome != SignInOutcome.SignedIn)
        {
            // A refusal stays a refusal; only an unrecorded success is an error (the caller sees it fail).
            WebLog.DeniedSignInNotRecorded(logger, ex);
        }
    }
}

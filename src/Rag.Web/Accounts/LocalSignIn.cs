using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Web.Authentication;
using Rag.Web.Hosting;

namespace Rag.Web.Accounts;

/// <summary>
/// Password sign-in for the sign-in page: Identity checks the password (counting failures towards lockout) and sets the
/// cookie; every attempt is recorded as <c>auth.signin</c>: ok, or denied with the reason (never the password). A client
/// address with too many failures (<see cref="SignInThrottle"/>) is refused before anything is checked; the refusal
/// starts with one record (reason <c>too-many-failed-sign-ins</c>) and the attempts it refuses are not recorded one by one.
/// </summary>
internal sealed class LocalSignIn(SignInManager<RagUser> signIn, SignInThrottle throttle, IOptions<AccountsOptions> options, IAuditLog audit, ILogger<LocalSignIn> logger)
{
    /// <summary>Longest claimed user name recorded for a refused sign-in; a longer one is cut.</summary>
    public const int MaxRecordedUserName = 64;

    public const string Scheme = "local";

    /// <summary>The <c>reason</c> of the one record that says an address is throttled.</summary>
    public const string ThrottledReason = "too-many-failed-sign-ins";

    public async Task<LocalSignInResult> PasswordSignInAsync(string userName, string password, string clientAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(clientAddress);
        if (throttle.TryBegin(clientAddress, out var retryAfter) is not { } key)
        {
            // Nothing is looked up and nothing recorded: the record was written when the address was throttled.
            return new LocalSignInResult(SignInOutcome.Throttled, retryAfter);
        }

        userName = userName.Trim();
        RagUser? user = null;
        var outcome = SignInOutcome.WrongUserNameOrPassword;
        var checkedPassword = false;
        bool throttled;
        try
        {
            user = await signIn.UserManager.FindByNameAsync(userName);
            var result = user is null ? SignInResult.Failed : await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
            outcome = result.Succeeded ? SignInOutcome.SignedIn : result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.WrongUserNameOrPassword;
            checkedPassword = true;
        }
        finally
        {
            // An attempt that threw was not a failed sign-in: it gives its place back.
            throttled = throttle.End(key, failed: checkedPassword && outcome != SignInOutcome.SignedIn);
        }

        await RecordAsync(outcome, userName, user, clientAddress, throttled ? key : null, cancellationToken);
        return new LocalSignInResult(outcome, TimeSpan.Zero);
    }

    private async Task RecordAsync(SignInOutcome outcome, string userName, RagUser? user, string clientAddress, string? throttledKey, CancellationToken cancellationToken)
    {
        var records = new List<AuditEvent>(2);
        if (outcome == SignInOutcome.SignedIn && user is not null)
        {
            var principal = await signIn.CreateUserPrincipalAsync(user);
            records.Add(new AuditEvent(AuditActions.SignIn, RagClaims.Actor(principal) with { Roles = [.. principal.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value)] }, [user.Id], AuditOutcomes.Ok)
            {
                Detail = JsonSerializer.Serialize(new { scheme = Scheme }),
                ClientAddress = clientAddress,
            });
        }
        else
        {
            var claimed = userName.Length > MaxRecordedUserName ? userName[..MaxRecordedUserName] : userName;
            var subject = user?.Id ?? DeniedSignInRecords.Anonymous;
            records.Add(new AuditEvent(AuditActions.SignIn, AuditActor.FromId(subject), user is null ? [] : [user.Id], AuditOutcomes.Denied)
            {
                Detail = JsonSerializer.Serialize(new
                {
                    scheme = Scheme,
                    reason = outcome == SignInOutcome.LockedOut ? "locked-out" : "wrong-user-name-or-password",
                    userName = claimed,
                    knownUser = user is not null,
                }),
                ClientAddress = clientAddress,
            });
        }

        if (throttledKey is not null)
        {
            var accounts = options.Value;
            records.Add(new AuditEvent(AuditActions.SignIn, AuditActor.FromId(DeniedSignInRecords.Anonymous), [], AuditOutcomes.Denied)
            {
                Detail = JsonSerializer.Serialize(new
                {
                    scheme = Scheme,
                    reason = ThrottledReason,
                    failures = accounts.FailedSignInsPerAddress,
                    window = accounts.FailedSignInWindow,
                    refusedFor = accounts.FailedSignInWindow,
                    // Past SignInThrottle.MaxTrackedAddresses, new addresses share one allowance.
                    sharedByOtherAddresses = throttledKey == SignInThrottle.OtherAddresses,
                }),
                ClientAddress = clientAddress,
            });
        }

        try
        {
            await audit.AppendAsync(records, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && outcome != SignInOutcome.SignedIn)
        {
            // A refusal stays a refusal; only an unrecorded success is an error (the caller sees it fail).
            WebLog.DeniedSignInNotRecorded(logger, ex);
        }
    }
}

using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Rag.Core.Audit;
using Rag.Web.Hosting;

namespace Rag.Web.Authentication.External;

/// <summary>
/// The app's half of an external sign-in, after the provider's token is validated: role and group mapping, group
/// overage, an <c>auth.signin</c> record for every success and failure (fail closed: an unrecorded sign-in is refused),
/// and the refused page for every refusal.
/// </summary>
internal sealed class ExternalSignInFlow(IAuditLog audit, IServiceProvider services, ILogger<ExternalSignInFlow> logger)
{
    public async Task TokenValidatedAsync(TokenValidatedContext context, ExternalSignInOptions options, string nameClaim, bool mayReadMemberships)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scheme = context.Scheme.Name;
        var identity = ExternalClaimsMapper.Read(context.Principal ?? new ClaimsPrincipal(), options, nameClaim);
        var groups = identity.Groups;
        if (identity.GroupOverage)
        {
            if (!mayReadMemberships)
            {
                await RefuseAsync(context, identity, SignInRefusal.GroupOverage);
                return;
            }

            try
            {
                groups = await services.GetRequiredService<GraphMembershipReader>().ReadGroupIdsAsync(identity.Subject, context.HttpContext.RequestAborted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SignInLog.MembershipsUnreadable(logger, ex);
                await RefuseAsync(context, identity, SignInRefusal.MembershipsUnreadable);
                return;
            }
        }

        if (ExternalClaimsMapper.Map(identity, groups, options, scheme) is not { } principal)
        {
            await RefuseAsync(context, identity, SignInRefusal.NoRole);
            return;
        }

        var actor = new AuditActor(RagClaims.UserId(principal), identity.Name, RagClaims.GroupsOf(principal), [.. principal.FindAll(ClaimTypes.Role).Select(c => c.Value)]);
        if (!await RecordAsync(context.HttpContext, scheme, actor, AuditOutcomes.Ok, reason: null))
        {
            Redirect(context, SignInRefusal.NotRecorded);
            return;
        }

        context.Principal = principal;
    }

    public async Task RemoteFailureAsync(RemoteFailureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        SignInLog.RemoteFailure(logger, context.Scheme.Name, context.Failure);
        // The provider's own error text may echo request data: record only its kind.
        await RecordAsync(context.HttpContext, context.Scheme.Name, AuditActor.FromId(DeniedSignInRecords.Anonymous), AuditOutcomes.Failed, context.Failure?.GetType().Name ?? "unknown");
        context.Response.Redirect(RefusedAddress(SignInRefusal.ProviderFailed));
        context.HandleResponse();
    }

    private async Task RefuseAsync(TokenValidatedContext context, ExternalIdentity identity, SignInRefusal refusal)
    {
        SignInLog.Refused(logger, context.Scheme.Name, refusal.Code);
        var actor = new AuditActor(context.Scheme.Name + ":" + identity.Subject, identity.Name, [], []);
        var recorded = await RecordAsync(context.HttpContext, context.Scheme.Name, actor, AuditOutcomes.Denied, refusal.Code);
        Redirect(context, recorded ? refusal : SignInRefusal.NotRecorded);
    }

    private static void Redirect(TokenValidatedContext context, SignInRefusal refusal)
    {
        context.Response.Redirect(RefusedAddress(refusal));
        context.HandleResponse();
    }

    private static string RefusedAddress(SignInRefusal refusal) => ExternalSignInDefaults.RefusedPath + "?reason=" + Uri.EscapeDataString(refusal.Code);

    private async Task<bool> RecordAsync(HttpContext http, string scheme, AuditActor actor, string outcome, string? reason)
    {
        var record = new AuditEvent(AuditActions.SignIn, actor, [actor.Id], outcome)
        {
            Detail = JsonSerializer.Serialize(new { scheme, reason }),
            ClientAddress = ClientAddress.Of(http),
        };
        try
        {
            await audit.AppendAsync(record, http.RequestAborted);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SignInLog.NotRecorded(logger, scheme, ex);
            return false;
        }
    }
}

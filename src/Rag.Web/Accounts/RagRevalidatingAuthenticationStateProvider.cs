using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Rag.Web.Authentication;

namespace Rag.Web.Accounts;

/// <summary>
/// Checks an open page's (circuit's) user against the accounts database every <see cref="AccountsOptions.RevalidationInterval"/>:
/// a deleted or locked account, a new security stamp, or changed roles or groups end the circuit's sign-in, so the page
/// sends the user to sign in again and the next page load carries the current roles and groups.
/// </summary>
internal sealed class RagRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<AccountsOptions> accounts,
    IOptions<IdentityOptions> identity) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => accounts.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        if (principal.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RagUser>>();
        if (await users.GetUserAsync(principal) is not { } user || await users.IsLockedOutAsync(user))
        {
            return false;
        }

        var stampClaim = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (users.SupportsUserSecurityStamp && stampClaim != await users.GetSecurityStampAsync(user))
        {
            return false;
        }

        var roles = await users.GetRolesAsync(user);
        var groups = (await users.GetClaimsAsync(user)).Where(c => c.Type == RagClaims.Groups).Select(c => c.Value);
        return SameSet(roles, principal.FindAll(ClaimTypes.Role).Select(c => c.Value))
            && SameSet(groups, principal.FindAll(RagClaims.Groups).Select(c => c.Value));
    }

    private static bool SameSet(IEnumerable<string> a, IEnumerable<string> b) => new HashSet<string>(a, StringComparer.Ordinal).SetEquals(b);
}

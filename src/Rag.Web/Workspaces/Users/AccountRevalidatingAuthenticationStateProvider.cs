using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Rag.Web.Workspaces.Users;

/// <summary>
/// An open page (Blazor circuit) keeps the user it was opened with; this checks that user against the account every
/// <see cref="AccountRevalidationOptions.RevalidationInterval"/> and signs the page out when roles or groups changed,
/// or the account was locked or removed — so the next question cannot use a group the user no longer has.
/// </summary>
internal sealed class AccountRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<AccountRevalidationOptions> options) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        await using var scope = scopes.CreateAsyncScope();
        return await AccountSession.IsCurrentAsync(authenticationState.User, scope.ServiceProvider.GetRequiredService<IUserAccountDirectory>(), cancellationToken);
    }
}

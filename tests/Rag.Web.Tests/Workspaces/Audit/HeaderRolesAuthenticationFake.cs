using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rag.Web.Authentication;

namespace Rag.Web.Tests.Workspaces.Audit;

/// <summary>
/// A fake sign-in for endpoint tests (the app's cookie sign-in belongs to the web skeleton): header <c>X-Test-User</c>
/// signs in that user with the comma-separated roles of <c>X-Test-Roles</c>; no header, no user (401 on challenge).
/// </summary>
internal sealed class HeaderRolesAuthenticationFake(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HeaderRolesFake";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers["X-Test-User"].ToString() is not { Length: > 0 } user)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var roles = Request.Headers["X-Test-Roles"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var identity = new ClaimsIdentity(
            [new(ClaimTypes.NameIdentifier, "local:" + user), new(ClaimTypes.Name, user), new(RagClaims.Groups, "staff"), .. roles.Select(r => new Claim(ClaimTypes.Role, r))],
            SchemeName,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

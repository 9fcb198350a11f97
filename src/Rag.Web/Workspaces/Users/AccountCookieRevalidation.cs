using Microsoft.AspNetCore.Authentication;
using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Rag.Web.Workspaces.Users;

/// <summary>
/// The cookie's half of session revalidation: a request whose cookie was last checked more than
/// <see cref="AccountRevalidationOptions.RevalidationInterval"/> ago is checked against the account; a changed, locked
/// or removed account's cookie is rejected and deleted (the user signs in again and gets the current roles and groups).
/// </summary>
internal static class AccountCookieRevalidation
{
    private const string CheckedKey = "rag.account-checked";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal is null)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var interval = services.GetRequiredService<IOptions<AccountRevalidationOptions>>().Value.RevalidationInterval;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var last = context.Properties.Items.TryGetValue(CheckedKey, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed
            : context.Properties.IssuedUtc ?? DateTimeOffset.MinValue;
        if (now - last < interval)
        {
            return;
        }

        if (!await AccountSession.IsCurrentAsync(context.Principal, services.GetRequiredService<IUserAccountDirectory>(), context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }

        context.Properties.Items[CheckedKey] = now.ToString("O", CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }
}

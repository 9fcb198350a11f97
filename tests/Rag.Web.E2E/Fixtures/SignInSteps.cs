using Microsoft.Playwright;

namespace Rag.Web.E2E.Fixtures;

/// <summary>Signs a user in through the sign-in page, as a person would.</summary>
public static class SignInSteps
{
    public static async Task SignInAsync(IPage page, TestUser user, string returnUrl = "/")
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(user);
        await SubmitAsync(page, user.UserName, user.Password, returnUrl);
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));
    }

    /// <summary>Fills and submits the form without waiting for success (for wrong passwords).</summary>
    public static async Task SubmitAsync(IPage page, string userName, string password, string returnUrl = "/")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("account/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}

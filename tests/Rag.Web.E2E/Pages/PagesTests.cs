using Microsoft.Playwright;
using Rag.Web.E2E.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Rag.Web.E2E.Pages;

/// <summary>Every page, opened by a user allowed to: it loads, talks only to the app, and has no serious axe issue.</summary>
public sealed class PagesTests(WebAppFixture app, BrowserFixture browser) : IClassFixture<WebAppFixture>, IClassFixture<BrowserFixture>
{
    private const string PagePolicy = "default-src 'self'";

    [Theory]
    [InlineData("/", "employee", "Ask")]
    [InlineData("/admin/sets", "administrator", "Documents")]
    [InlineData("/admin/users", "administrator", "Users")]
    [InlineData("/admin/status", "administrator", "Status")]
    [InlineData("/audit", "compliance", "Audit")]
    public async Task Page_AllowedUser_LoadsInteractiveWithOnlyTheAppsOriginAndNoSeriousAxeIssue(string path, string userName, string heading)
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var guard = OriginGuard.Watch(page, app.BaseAddress);
        await SignInSteps.SignInAsync(page, app.User(userName), path);

        var response = await page.GotoAsync(path.TrimStart('/'));

        Assert.NotNull(response);
        Assert.StartsWith(PagePolicy, await response.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await Interactive.WaitAsync(page, guard, TimeSpan.FromSeconds(20));
        guard.AssertOnlyTheApp();
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task SignInPage_Anonymous_LoadsWithOnlyTheAppsOriginAndNoSeriousAxeIssue()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var guard = OriginGuard.Watch(page, app.BaseAddress);

        var response = await page.GotoAsync("account/signin");

        Assert.NotNull(response);
        Assert.StartsWith(PagePolicy, await response.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        guard.AssertOnlyTheApp();
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task NavLink_InsideTheCircuit_OpensThePageWithoutAFullLoad()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var guard = OriginGuard.Watch(page, app.BaseAddress);
        await SignInSteps.SignInAsync(page, app.FirstAdmin);
        await Interactive.WaitAsync(page, guard, TimeSpan.FromSeconds(20));

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Audit", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith("/audit", page.Url, StringComparison.Ordinal);
        guard.AssertOnlyTheApp();
    }

    [Fact]
    public async Task Page_SignedInWithoutTheRole_SaysNotAllowed()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await SignInSteps.SignInAsync(page, app.Employee);

        var response = await page.GotoAsync("audit");

        Assert.Equal(403, response?.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit", Level = 1 })).ToHaveCountAsync(0);
    }
}

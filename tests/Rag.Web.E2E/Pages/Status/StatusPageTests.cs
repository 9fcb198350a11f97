using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rag.Core.Audit;
using Rag.Web.E2E.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Rag.Web.E2E.Pages.Status;

/// <summary>The Status workspace in Chromium: it shows the real numbers, refreshes them, loads nothing from elsewhere and passes axe.</summary>
public sealed class StatusPageTests(WebAppFixture app, BrowserFixture browser) : IClassFixture<WebAppFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task StatusPage_Admin_ShowsModelsStoresAndBlockedEgressAndRefreshes()
    {
        var audit = app.Services.GetRequiredService<IAuditLog>();
        for (var i = 0; i < 2; i++)
        {
            await audit.AppendAsync(new AuditEvent(AuditActions.EgressBlocked, AuditActor.System, ["blocked.example:443"], AuditOutcomes.Denied));
        }

        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var guard = OriginGuard.Watch(page, app.BaseAddress);
        await SignInSteps.SignInAsync(page, app.Administrator, "/admin/status");
        await page.GotoAsync("admin/status");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Status", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-status=execution-provider]")).ToHaveTextAsync("CPU");
        await Expect(page.Locator("[data-status=embedder]")).ToContainTextAsync("use-lite");
        await Expect(page.Locator("[data-status=generator]")).ToContainTextAsync("extractive");
        await Expect(page.Locator("[data-store='audit.db']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-store='accounts.db']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-status=egress-total]")).ToContainTextAsync("2 blocked");
        await Expect(page.Locator("svg.egress-chart rect.egress-bar")).ToHaveCountAsync(24);
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Blocked egress attempts over time" })).ToBeVisibleAsync();

        // Interactive: Refresh reads again on the server.
        await audit.AppendAsync(new AuditEvent(AuditActions.EgressBlocked, AuditActor.System, ["blocked.example:443"], AuditOutcomes.Denied));
        var refresh = page.GetByRole(AriaRole.Button, new() { Name = "Refresh" });
        await Expect(refresh).ToBeEnabledAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await refresh.ClickAsync();
        await Expect(page.Locator("[data-status=egress-total]")).ToContainTextAsync("3 blocked");

        guard.AssertOnlyTheApp();
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task StatusPage_Employee_SeesNoNumbers()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await SignInSteps.SignInAsync(page, app.Employee);

        var response = await page.GotoAsync("admin/status");

        Assert.Equal(403, response?.Status);
        await Expect(page.Locator("[data-status]")).ToHaveCountAsync(0);
    }
}

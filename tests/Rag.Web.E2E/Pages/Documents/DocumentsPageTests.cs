using Microsoft.Playwright;
using Rag.Testing;
using Rag.Web.E2E.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Rag.Web.E2E.Pages.Documents;

/// <summary>The Documents workspace in Chromium, with the real ingestion worker running over the app's data directory.</summary>
public sealed class DocumentsPageTests(WebAppFixture app, BrowserFixture browser) : IClassFixture<WebAppFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Upload_PdfAndWrongType_PdfReachesIndexedAndRefusalShowsItsReason()
    {
        await app.StartWorkerAsync();
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var guard = OriginGuard.Watch(page, app.BaseAddress);
        await SignInSteps.SignInAsync(page, app.Administrator, "/admin/sets");
        await page.GotoAsync("admin/sets");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Documents", Level = 1 })).ToBeVisibleAsync();
        await Interactive.WaitAsync(page, guard, TimeSpan.FromSeconds(20));

        await page.Locator("#new-set-name").FillAsync("handbook");
        await page.Locator("#new-set-groups").FillAsync("team-a");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create set" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set handbook" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Locator("#upload-files").SetInputFilesAsync(
        [
            new FilePayload { Name = "starters.pdf", MimeType = "application/pdf", Buffer = TypesetPdf.Build("Starters", "New starters collect their badge at the front desk.") },
            new FilePayload { Name = "tool.exe", MimeType = "application/octet-stream", Buffer = [0x4D, 0x5A, 0x90, 0x00] },
        ]);

        await Expect(page.GetByTestId("upload-refusals")).ToContainTextAsync("tool.exe refused: '.exe' files are not accepted");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "starters.pdf" });
        await Expect(row.GetByTestId("document-state")).ToHaveTextAsync("indexed", new() { Timeout = 120_000 });
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "Open the original of starters.pdf" })).ToBeVisibleAsync();
        guard.AssertOnlyTheApp();
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
    }
}

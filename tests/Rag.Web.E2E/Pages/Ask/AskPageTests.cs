using Microsoft.Playwright;
using Rag.Web.E2E.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Rag.Web.E2E.Pages.Ask;

/// <summary>The Ask page in Chromium against the real app: asking, citations, found-nothing, conversations.</summary>
public sealed class AskPageTests(WebAppFixture app, BrowserFixture browser) : IClassFixture<WebAppFixture>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => AskDocuments.EnsureIngestedAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Ask_Employee_GetsTheAnswerAndACitationThatOpensThePassageAndTheRightPage()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var guard = OriginGuard.Watch(page, app.BaseAddress);
        await SignInSteps.SignInAsync(page, app.Employee);

        await AskAsync(page, AskDocuments.Question);

        var answer = page.GetByTestId("answer").Last;
        await Expect(answer).ToContainTextAsync(AskDocuments.Marker);
        var citation = page.GetByTestId("citation").First;
        await Expect(citation).ToContainTextAsync("[1]");
        await citation.ClickAsync();
        var panel = page.GetByTestId("citation-panel");
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Source [1]" })).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("citation-title")).ToHaveTextAsync(AskDocuments.Title);
        await Expect(panel.GetByTestId("citation-file")).ToHaveTextAsync("alpha-vault.pdf");
        await Expect(panel.GetByTestId("citation-page")).ToHaveTextAsync("1");
        await Expect(panel.GetByTestId("citation-snippet")).ToContainTextAsync(AskDocuments.Marker);
        await Expect(panel.Locator("mark").Filter(new() { HasTextString = "vault" }).First).ToBeVisibleAsync();
        var original = panel.GetByRole(AriaRole.Link, new() { Name = "Open original" });
        Assert.Matches(@"^documents/[^/]+/file#page=1$", await original.GetAttributeAsync("href"));
        guard.AssertOnlyTheApp();
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Ask_UserWithoutTheGroup_SeesNotFoundAndNeverTheMarker()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var guard = OriginGuard.Watch(page, app.BaseAddress);
        await SignInSteps.SignInAsync(page, app.Compliance);

        await AskAsync(page, AskDocuments.Question);

        await Expect(page.GetByTestId("nothing-found").Last).ToContainTextAsync("Not found in the documents");
        await AskAsync(page, "Alpha vault combination PELICAN");
        await Expect(page.GetByTestId("turn")).ToHaveCountAsync(2);
        Assert.DoesNotContain(AskDocuments.Marker, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Expect(page.GetByTestId("citation")).ToHaveCountAsync(0);
        guard.AssertOnlyTheApp();
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Conversations_AreListedAndResumed()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var guard = OriginGuard.Watch(page, app.BaseAddress);
        await SignInSteps.SignInAsync(page, app.Administrator);
        const string Question = "When do Alpha meetings happen?";
        await AskAsync(page, Question);
        await Expect(page.GetByTestId("answer").Last).ToContainTextAsync("Mondays");

        var conversations = page.GetByRole(AriaRole.Navigation, new() { Name = "Conversations" });
        await Expect(conversations.GetByRole(AriaRole.Button, new() { Name = Question })).ToBeVisibleAsync();
        await conversations.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).ClickAsync();
        await Expect(page.GetByTestId("turn")).ToHaveCountAsync(0);
        await conversations.GetByRole(AriaRole.Button, new() { Name = Question }).ClickAsync();

        await Expect(page.GetByTestId("turn")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("turn").First).ToContainTextAsync(Question);
        await Expect(page.GetByTestId("answer").First).ToContainTextAsync("Mondays");
        guard.AssertOnlyTheApp();
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
    }

    private static async Task AskAsync(IPage page, string question)
    {
        if (!page.Url.EndsWith('/'))
        {
            await page.GotoAsync("./");
        }

        // The button is enabled once the circuit is up (the page is interactive).
        var ask = page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true });
        await Expect(ask).ToBeEnabledAsync(new() { Timeout = 30_000 });
        var turns = await page.GetByTestId("turn").CountAsync();
        await page.GetByLabel("Your question").FillAsync(question);
        await page.GetByLabel("Your question").PressAsync("Enter");
        await Expect(page.GetByTestId("turn")).ToHaveCountAsync(turns + 1);
        await Expect(page.GetByTestId("turn").Last.Locator("[aria-busy=true]")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
    }
}

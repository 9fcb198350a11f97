using Microsoft.Playwright;
using Rag.Core.Audit;
using Rag.Web.Authentication;
using Rag.Web.E2E.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Rag.Web.E2E.Account;

public sealed class SignInTests(WebAppFixture app, BrowserFixture browser) : IClassFixture<WebAppFixture>, IClassFixture<BrowserFixture>
{
    private static readonly string[] AllLinks = ["Ask", "Documents", "Users", "Status", "Audit"];

    [Theory]
    [InlineData("employee", new[] { "Ask" })]
    [InlineData("administrator", new[] { "Ask", "Documents", "Users", "Status" })]
    [InlineData("compliance", new[] { "Ask", "Audit" })]
    [InlineData("admin", new[] { "Ask", "Documents", "Users", "Status", "Audit" })]
    public async Task SignIn_EachRole_SeesTheNavigationOfItsRolesOnly(string userName, string[] shown)
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        await SignInSteps.SignInAsync(page, app.User(userName));

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        foreach (var link in AllLinks)
        {
            var locator = nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true });
            await (shown.Contains(link) ? Expect(locator).ToBeVisibleAsync() : Expect(locator).ToHaveCountAsync(0));
        }

        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(userName);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsAnErrorAndIsAuditedWithoutThePassword()
    {
        var user = new TestUser("typo", "Typo-Account-Pass-7!", [RagRoles.Employee], []);
        await app.CreateUserAsync(user);
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        await SignInSteps.SubmitAsync(page, user.UserName, "Not-The-Password-8!");

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "wrong" })).ToHaveTextAsync("The user name or password is wrong.");
        Assert.Contains("/account/signin", page.Url, StringComparison.Ordinal);
        Assert.Empty(await page.GetByLabel("Password").InputValueAsync());
        var denied = (await AuditTrail.EventsAsync(app, AuditActions.SignIn)).Where(e => e.Outcome == AuditOutcomes.Denied && e.Targets.Contains("local:typo")).ToList();
        var record = Assert.Single(denied);
        Assert.Contains("wrong-user-name-or-password", record.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Not-The-Password-8!", record.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_RightPassword_IsAuditedAsOk()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        await SignInSteps.SignInAsync(page, app.Compliance);

        var ok = (await AuditTrail.EventsAsync(app, AuditActions.SignIn)).Where(e => e.Outcome == AuditOutcomes.Ok && e.Actor.Id == "local:compliance").ToList();
        Assert.NotEmpty(ok);
        Assert.Contains(RagRoles.ComplianceOfficer, ok[^1].Actor.Roles);
        Assert.Equal(["team-b"], ok[^1].Actor.Groups);
    }

    [Fact]
    public async Task SignIn_AfterMaxFailures_IsLockedEvenWithTheRightPasswordAndAudited()
    {
        var user = new TestUser("lockme", "Lock-Me-Account-9!", [RagRoles.Employee], []);
        await app.CreateUserAsync(user);
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        for (var i = 0; i < WebAppFixture.MaxFailedAccessAttempts; i++)
        {
            await SignInSteps.SubmitAsync(page, user.UserName, "Wrong-Guess-Number-" + i);
        }

        await SignInSteps.SubmitAsync(page, user.UserName, user.Password);

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "locked" })).ToBeVisibleAsync();
        Assert.Contains("/account/signin", page.Url, StringComparison.Ordinal);
        var records = (await AuditTrail.EventsAsync(app, AuditActions.SignIn)).Where(e => e.Targets.Contains("local:lockme")).ToList();
        Assert.Equal(WebAppFixture.MaxFailedAccessAttempts + 1, records.Count);
        Assert.All(records, r => Assert.Equal(AuditOutcomes.Denied, r.Outcome));
        Assert.Contains("locked-out", records[^1].Detail, StringComparison.Ordinal);
        Assert.Contains("locked-out", records[^2].Detail, StringComparison.Ordinal);
        Assert.Contains("wrong-user-name-or-password", records[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_AfterSignIn_EndsTheSession()
    {
        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        await SignInSteps.SignInAsync(page, app.Employee);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/signin", StringComparison.Ordinal));
        await page.GotoAsync("/");

        Assert.Contains("/account/signin", page.Url, StringComparison.Ordinal);
    }
}

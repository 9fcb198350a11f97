using System.Text.Json;
using Microsoft.Playwright;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.Authentication.External;

/// <summary>
/// The same sign-in as <see cref="OidcSignInTests"/>, in a real browser: Debian's Chromium (Playwright through its
/// executable path, nothing downloaded) clicks the provider's button on the app's sign-in page, fills in the real
/// provider's login and consent pages (npm oidc-provider on loopback) and lands in the app with the mapped role.
/// </summary>
public sealed class OidcBrowserSignInTests(OidcSignInFixture fixture) : IClassFixture<OidcSignInFixture>
{
    [Fact]
    public async Task SignIn_ThroughTheProviderInChromium_LandsInTheAppWithTheMappedRoleAndAppPagesLoadOnlyFromTheApp()
    {
        var chromium = Environment.GetEnvironmentVariable("RAG_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Chromium is missing at {chromium}: install Debian's chromium (./rag test does) or set RAG_CHROMIUM.");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
        await using var context = await browser.NewContextAsync(new() { BaseURL = fixture.App.BaseAddress.ToString() });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        var app = fixture.App.BaseAddress.GetLeftPart(UriPartial.Authority);
        var fromAppPages = new List<string>();
        page.Request += (_, request) =>
        {
            // Subresources of the app's pages (a navigation to the provider is the sign-in itself).
            if (!request.IsNavigationRequest && request.Frame.Url.StartsWith(app, StringComparison.Ordinal))
            {
                fromAppPages.Add(request.Url);
            }
        };
        // The test provider's own development pages link a web font; nothing may leave this machine, so such requests
        // are refused here (a real provider serves its own pages; what is checked below is the app's).
        await page.RouteAsync("**/*", route =>
            new Uri(route.Request.Url).Host is "127.0.0.1" or "localhost" or "[::1]" ? route.ContinueAsync() : route.AbortAsync());

        await page.GotoAsync("account/signin?returnUrl=/account/whoami");
        await page.Locator("a[href*='account/external/oidc']").ClickAsync();
        // The provider's own pages (oidc-provider's development interactions): login, then consent.
        await page.Locator("input[name=login]").FillAsync("ada.admin");
        await page.Locator("input[name=password]").FillAsync("any");
        await page.Locator("button[type=submit]").First.ClickAsync();
        for (var step = 0; step < 3 && !page.Url.StartsWith(fixture.App.BaseAddress.ToString(), StringComparison.Ordinal); step++)
        {
            var submit = page.Locator("button[type=submit]");
            if (await submit.CountAsync() == 0)
            {
                await page.WaitForURLAsync(url => url.StartsWith(fixture.App.BaseAddress.ToString(), StringComparison.Ordinal));
                break;
            }

            await submit.First.ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        Assert.StartsWith(new Uri(fixture.App.BaseAddress, "account/whoami").ToString(), page.Url, StringComparison.Ordinal);
        using var whoami = JsonDocument.Parse(await page.Locator("body").InnerTextAsync());
        Assert.Equal("oidc:ada.admin", whoami.RootElement.GetProperty("id").GetString());
        Assert.Equal(["Admin"], whoami.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("finance", whoami.RootElement.GetProperty("groups").EnumerateArray().Select(r => r.GetString()));
        Assert.NotEmpty(fromAppPages);
        Assert.All(fromAppPages, url => Assert.True(url.StartsWith(app, StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), "the app's page requested " + url));
    }
}

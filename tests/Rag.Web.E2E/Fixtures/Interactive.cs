using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rag.Web.E2E.Fixtures;

/// <summary>
/// Waits until the page runs on its circuit: first its WebSocket to the app (allowed by connect-src 'self') must open
/// within <c>within</c>, then the layout must be rendered by the circuit (<c>main[data-interactive=true]</c>), not only
/// prerendered: a click on a prerendered button does nothing, so under load a test that clicked as soon as the
/// WebSocket opened could lose its click.
/// </summary>
public static class Interactive
{
    public static async Task WaitAsync(IPage page, OriginGuard guard, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(guard);
        var deadline = DateTime.UtcNow + within;
        while (!guard.Urls.Any(u => u.StartsWith("ws://", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The page opened no circuit (no WebSocket to the app).");
            await Task.Delay(100);
        }

        await Expect(page.Locator("main#main[data-interactive=true]")).ToHaveCountAsync(1);
    }
}

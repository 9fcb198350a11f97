using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rag.Web.E2E.Fixtures;

/// <summary>
/// Waits until the page is rendered by its circuit (the layout marks <c>main[data-interactive=true]</c>), not only
/// prerendered: a click on a prerendered button does nothing, so under load a test that clicked as soon as the
/// WebSocket opened could lose its click.
/// </summary>
public static class Interactive
{
    public static async Task WaitAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Expect(page.Locator("main#main[data-interactive=true]")).ToHaveCountAsync(1);
    }
}

using Microsoft.Playwright;

namespace Rag.Web.E2E.Fixtures;

/// <summary>
/// One headless Chromium per test class: Debian's /usr/bin/chromium (or RAG_CHROMIUM) through Playwright's executable
/// path, so Playwright downloads no browser. --no-sandbox because tests run as root in containers.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>How long an expectation waits (Playwright's default is 5 s, too short on a loaded 2-core machine).</summary>
    public const float ExpectTimeoutMs = 30_000;

    /// <summary>How long an action or a navigation waits.</summary>
    public const float ActionTimeoutMs = 60_000;

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("RAG_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ExecutablePath}: install Debian's chromium (./rag test does) or set RAG_CHROMIUM.");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // The suite shares two cores with every other test assembly: a round trip over the circuit can take seconds.
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A fresh context (no cookies) and page; the caller disposes the context.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(ActionTimeoutMs);
        context.SetDefaultNavigationTimeout(ActionTimeoutMs);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

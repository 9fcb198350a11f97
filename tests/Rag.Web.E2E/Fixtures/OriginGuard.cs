using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Rag.Web.E2E.Fixtures;

/// <summary>
/// Records every request (and WebSocket) a page makes and every Content-Security-Policy violation it reports, so a test
/// can assert that the page loaded nothing from any origin but the app's and that the CSP blocked nothing it needs.
/// </summary>
public sealed class OriginGuard
{
    private readonly Uri _app;
    private readonly ConcurrentQueue<string> _urls = new();
    private readonly ConcurrentQueue<string> _cspViolations = new();

    private OriginGuard(Uri app) => _app = app;

    public IReadOnlyCollection<string> Urls => _urls;

    public static OriginGuard Watch(IPage page, Uri app)
    {
        ArgumentNullException.ThrowIfNull(page);
        var guard = new OriginGuard(app);
        page.Request += (_, request) => guard._urls.Enqueue(request.Url);
        page.WebSocket += (_, socket) => guard._urls.Enqueue(socket.Url);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                guard._cspViolations.Enqueue(message.Text);
            }
        };
        return guard;
    }

    /// <summary>The requests to an origin other than the app's (data: URLs, which go nowhere, excepted).</summary>
    public IReadOnlyList<string> Foreign() => [.. _urls.Where(url => !IsApp(url))];

    /// <summary>Fails when the page made any request to another origin, or the browser reported a CSP violation.</summary>
    public void AssertOnlyTheApp()
    {
        Assert.NotEmpty(_urls);
        Assert.Empty(Foreign());
        Assert.Empty(_cspViolations);
    }

    private bool IsApp(string url)
    {
        var uri = new Uri(url);
        if (uri.Scheme is "data" or "blob")
        {
            return true;
        }

        // The circuit's WebSocket is ws:// to the same host and port.
        var scheme = uri.Scheme switch { "ws" => "http", "wss" => "https", var s => s };
        return scheme == _app.Scheme && uri.Host == _app.Host && uri.Port == _app.Port;
    }
}

using System.Net;
using System.Text.RegularExpressions;

namespace Rag.Web.Tests.Workspaces.Users;

/// <summary>A cookie-keeping HTTP client that signs in through the app's own sign-in form (antiforgery token included).</summary>
internal sealed partial class LocalSignInBrowser : IDisposable
{
    private readonly HttpClient _http;

    public LocalSignInBrowser(Uri baseAddress)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = baseAddress };
    }

    public async Task SignInAsync(string userName, string password)
    {
        var page = await _http.GetStringAsync("account/signin");
        var fields = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[m.Groups[1].Success ? 1 : 3].Value), m => WebUtility.HtmlDecode(m.Groups[m.Groups[1].Success ? 2 : 4].Value));
        fields["Input.UserName"] = userName;
        fields["Input.Password"] = password;
        using var response = await _http.PostAsync("account/signin", new FormUrlEncodedContent(fields));
        if (response.RequestMessage?.RequestUri?.AbsolutePath == "/account/signin")
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}.");
        }
    }

    /// <summary>The path the browser ends on after following redirects, and the status there.</summary>
    public async Task<(string Path, HttpStatusCode Status, string Body)> OpenAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return (response.RequestMessage!.RequestUri!.AbsolutePath, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"|<input[^>]*name=\"([^\"]+)\"[^>]*type=\"hidden\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}

using System.Net;
using System.Text.RegularExpressions;

namespace Rag.Web.Tests.Authentication.External;

/// <summary>
/// What a browser does during a sign-in, over HTTP: follows redirects with a cookie jar, and fills in the test
/// provider's login and consent forms (oidc-provider's development interactions).
/// </summary>
internal sealed partial class ProviderBrowser : IDisposable
{
    private readonly HttpClient _http;

    public ProviderBrowser()
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true, MaxAutomaticRedirections = 20 });
    }

    /// <summary>Starts the app's sign-in at <paramref name="start"/>, signs in as <paramref name="login"/> and returns the last response.</summary>
    public async Task<HttpResponseMessage> SignInAsync(Uri start, string login)
    {
        var response = await _http.GetAsync(start);
        for (var step = 0; step < 4; step++)
        {
            var page = await response.Content.ReadAsStringAsync();
            if (FormAction().Match(page) is not { Success: true } form || response.RequestMessage?.RequestUri is not { } at)
            {
                return response;
            }

            var prompt = Prompt().Match(page).Groups[1].Value;
            var fields = new Dictionary<string, string> { ["prompt"] = prompt };
            if (prompt == "login")
            {
                fields["login"] = login;
                fields["password"] = "any";
            }

            response.Dispose();
            response = await _http.PostAsync(new Uri(at, WebUtility.HtmlDecode(form.Groups[1].Value)), new FormUrlEncodedContent(fields));
        }

        return response;
    }

    public Task<HttpResponseMessage> GetAsync(Uri address) => _http.GetAsync(address);

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"[^>]*method=\"post\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("name=\"prompt\" value=\"([a-z]+)\"")]
    private static partial Regex Prompt();
}

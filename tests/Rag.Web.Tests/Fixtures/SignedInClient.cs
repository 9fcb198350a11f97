using System.Net;
using System.Text.RegularExpressions;

namespace Rag.Web.Tests.Fixtures;

/// <summary>
/// An HTTP client that signs in as a browser does: GET the sign-in page (antiforgery cookie and token), POST the form,
/// keep the sign-in cookie. Redirects are not followed, so a test sees where the app sends the user.
/// </summary>
internal static partial class SignedInClient
{
    public static HttpClient Anonymous(Uri baseAddress) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };

    /// <summary>Signs in; the response of the form POST (302 on success) is returned with the client.</summary>
    public static async Task<(HttpClient Client, HttpResponseMessage Response)> SignInAsync(Uri baseAddress, string userName, string password)
    {
        var client = Anonymous(baseAddress);
        var page = await client.GetStringAsync(new Uri("account/signin", UriKind.Relative));
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, "The sign-in page has no antiforgery token.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        var response = await client.PostAsync(new Uri("account/signin", UriKind.Relative), form);
        return (client, response);
    }

    public static async Task<HttpClient> SignedInAsync(Uri baseAddress, string userName, string password)
    {
        var (client, response) = await SignInAsync(baseAddress, userName, password);
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {userName} answered {(int)response.StatusCode}, not a redirect.");
        }

        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

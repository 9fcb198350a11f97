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
        return (client, await PostFormAsync(client, userName, password));
    }

    /// <summary>GETs the sign-in page with <paramref name="client"/> and POSTs the form, with <paramref name="headers"/> on the POST.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string userName, string password, IReadOnlyDictionary<string, string>? headers = null)
    {
        var page = await client.GetStringAsync(new Uri("account/signin", UriKind.Relative));
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, "The sign-in page has no antiforgery token.");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("account/signin", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "signin",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
            }),
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return await client.SendAsync(request);
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

using System.Net;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.Hosting;

public sealed class SecurityHeadersTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string PagePolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    [Fact]
    public async Task SignInPage_HasTheStrictPagePolicyOnceAndNoCaching()
    {
        using var response = await fixture.App.Http.GetAsync(new Uri("account/signin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PagePolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WithoutSignIn_RedirectsToSignInWithTheReturnUrl()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };

        using var response = await client.GetAsync(new Uri("admin/sets", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin", response.Headers.Location?.AbsolutePath);
        Assert.Equal("?returnUrl=%2Fadmin%2Fsets", response.Headers.Location?.Query);
    }

    [Theory]
    [InlineData("app.css")]
    [InlineData("lib/bootstrap/css/bootstrap.min.css")]
    [InlineData("lib/bootstrap-icons/font/bootstrap-icons.min.css")]
    [InlineData("lib/bootstrap-icons/font/fonts/bootstrap-icons.woff2")]
    [InlineData("lib/bootstrap/js/bootstrap.bundle.min.js")]
    [InlineData("_framework/blazor.web.js")]
    public async Task StaticAsset_WithoutSignIn_IsServedByTheAppItself(string path)
    {
        using var response = await fixture.App.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000, path);
    }
}

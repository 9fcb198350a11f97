using System.Net;
using System.Text.Json;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.OpenAi;

public sealed class ModelsAndHealthTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Models_ListsTheConfiguredModel()
    {
        using var request = RunningApp.Request(HttpMethod.Get, "v1/models", fixture.ReaderKey);

        using var response = await fixture.App.Http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("list", json.RootElement.GetProperty("object").GetString());
        var model = Assert.Single(json.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal("rag", model.GetProperty("id").GetString());
        Assert.Equal("model", model.GetProperty("object").GetString());
    }

    [Fact]
    public async Task Healthz_WithoutKey_Is200AndSaysNothingElse()
    {
        using var response = await fixture.App.Http.GetAsync(new Uri("healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task AnyResponse_ForbidsBrowsersToLoadRemoteContent()
    {
        using var request = RunningApp.Request(HttpMethod.Get, "v1/models", fixture.ReaderKey);

        using var response = await fixture.App.Http.SendAsync(request);

        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task UnknownApiPath_WithoutKey_Is401()
    {
        using var response = await fixture.App.Http.GetAsync(new Uri("v1/admin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ApiPath_WithoutKey_IsNotRedirectedToSignIn()
    {
        // The API never answers with the pages' sign-in redirect: a caller without a key gets OpenAI's 401.
        using var response = await fixture.App.Http.GetAsync(new Uri("v1/models", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("GET", "v1/nothing", 404, "not_found")]
    [InlineData("GET", "v1/chat/completions", 405, "method_not_allowed")]
    public async Task UnknownPathOrMethod_WithKey_IsOpenAiError(string method, string path, int status, string code)
    {
        using var request = RunningApp.Request(new HttpMethod(method), path, fixture.ReaderKey);

        using var response = await fixture.App.Http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }
}

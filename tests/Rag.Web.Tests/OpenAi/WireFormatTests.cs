using System.Net;
using System.Text;
using System.Text.Json;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.OpenAi;

/// <summary>What the wire carries: only JSON in UTF-8 text is read, and nothing that quotes a document may be cached.</summary>
public sealed class WireFormatTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Question = """{"model":"rag","messages":[{"role":"user","content":"What is the vault combination for project Alpha?"}]}""";

    [Theory]
    [InlineData("""{"model":"rag","messages":[{"role":"user","content":"\ud800"}]}""")]
    [InlineData("""{"model":"rag","messages":[{"role":"user","content":"tail \udfff here"}]}""")]
    [InlineData("""{"model":"rag","messages":[{"role":"user","content":[{"type":"text","text":"a\udc00\ud800b"}]}]}""")]
    [InlineData("""{"model":"rag","messages":[{"role":"user","content":"hi","\ud800":1}]}""")]
    public async Task ChatCompletions_LoneSurrogateInAString_Is400InvalidJson(string body)
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes(body), "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_json", await ErrorCodeAsync(response));
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    public async Task ChatCompletions_InvalidUtf8InAString_Is400InvalidJson(byte[] invalid)
    {
        var body = Encoding.UTF8.GetBytes("""{"model":"rag","messages":[{"role":"user","content":"Vault """).Concat(invalid).Concat(Encoding.UTF8.GetBytes("""?"}]}""")).ToArray();

        using var response = await PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_json", await ErrorCodeAsync(response));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/jsonp")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    public async Task ChatCompletions_BodyNotDeclaredJson_Is415(string? contentType)
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes(Question), contentType);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_media_type", await ErrorCodeAsync(response));
        Assert.DoesNotContain(ApiFixture.AlphaMarker, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json;charset=UTF-8")]
    [InlineData("Application/JSON; charset=\"utf-8\"")]
    public async Task ChatCompletions_JsonWithOrWithoutUtf8Charset_IsAnswered(string contentType)
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes(Question), contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ApiFixture.AlphaMarker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_Answer_IsNoStore()
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes(Question), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ApiFixture.AlphaMarker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: " + response.Headers.CacheControl);
    }

    [Fact]
    public async Task ChatCompletions_StreamedAnswer_IsNoStore()
    {
        var body = """{"model":"rag","stream":true,"messages":[{"role":"user","content":"What is the vault combination for project Alpha?"}]}""";

        using var response = await PostAsync(Encoding.UTF8.GetBytes(body), "application/json");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(ApiFixture.AlphaMarker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: " + response.Headers.CacheControl);
    }

    [Theory]
    [InlineData("v1/chat/completions", "not json")]
    [InlineData("v1/no-such-endpoint", "{}")]
    public async Task ErrorResponses_AreNoStore(string path, string body)
    {
        using var request = RunningApp.Request(HttpMethod.Post, path, fixture.ReaderKey, new StringContent(body, Encoding.UTF8, "application/json"));

        using var response = await fixture.App.Http.SendAsync(request);

        Assert.False(response.IsSuccessStatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: " + response.Headers.CacheControl);
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var request = RunningApp.Request(HttpMethod.Post, "v1/chat/completions", fixture.ReaderKey, content);
        return await fixture.App.Http.SendAsync(request);
    }

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        return error.GetProperty("code").GetString();
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.OpenAi;

/// <summary>Oversized, malformed and incomplete requests are refused with OpenAI-style errors before anything is asked.</summary>
public sealed class RequestLimitsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ChatCompletions_BodyOverOneMebibyte_Is413(bool chunked)
    {
        var question = new string('a', (1024 * 1024) + 10);
        var body = Encoding.UTF8.GetBytes($$"""{"model":"rag","messages":[{"role":"user","content":"{{question}}"}]}""");
        HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = RunningApp.Request(HttpMethod.Post, "v1/chat/completions", fixture.ReaderKey, content);
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        using var response = await fixture.App.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", await ErrorCodeAsync(response));
    }

    [Theory]
    [InlineData("{\"model\":\"rag\",\"messages\":[", "invalid_json")]
    [InlineData("not json", "invalid_json")]
    [InlineData("[]", "invalid_request")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", "missing_model")]
    [InlineData("""{"model":"rag"}""", "missing_messages")]
    [InlineData("""{"model":"rag","messages":[]}""", "missing_messages")]
    [InlineData("""{"model":"rag","messages":[{"role":"system","content":"You are helpful."}]}""", "missing_user_message")]
    [InlineData("""{"model":"rag","messages":[{"role":"user","content":"Q?"},{"role":"assistant","content":"A."}]}""", "missing_user_message")]
    [InlineData("""{"model":"rag","messages":[{"role":"user","content":"   "}]}""", "empty_question")]
    [InlineData("""{"model":"rag","messages":[{"role":"wizard","content":"hi"}]}""", "invalid_role")]
    [InlineData("""{"model":"rag","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"http://x"}}]}]}""", "unsupported_content")]
    [InlineData("""{"model":"rag","n":2,"messages":[{"role":"user","content":"hi"}]}""", "invalid_n")]
    [InlineData("""{"model":"rag","stream":"yes","messages":[{"role":"user","content":"hi"}]}""", "invalid_stream")]
    public async Task ChatCompletions_InvalidRequest_Is400WithCode(string body, string code)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task ChatCompletions_QuestionOverTheLimit_Is400()
    {
        using var response = await PostAsync($$"""{"model":"rag","messages":[{"role":"user","content":"{{new string('a', 4001)}}"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("question_too_long", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task ChatCompletions_TooManyMessages_Is400()
    {
        var messages = string.Join(",", Enumerable.Repeat("""{"role":"user","content":"hi"}""", 65));
        using var response = await PostAsync($$"""{"model":"rag","messages":[{{messages}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("too_many_messages", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task ChatCompletions_UnknownModel_Is404ModelNotFound()
    {
        using var response = await PostAsync("""{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model_not_found", await ErrorCodeAsync(response));
    }

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var request = RunningApp.Request(HttpMethod.Post, "v1/chat/completions", fixture.ReaderKey, new StringContent(body, Encoding.UTF8, "application/json"));
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

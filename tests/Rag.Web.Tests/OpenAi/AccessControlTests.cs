using System.Net;
using System.Text;
using System.Text.Json;
using Rag.Core.Answers;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.OpenAi;

/// <summary>
/// The key's groups are the caller's access scope. The question targets alpha's marker directly, so without the
/// access filter inside retrieval the outsider (team-b) would get it as the top hit and this test would fail.
/// </summary>
public sealed class AccessControlTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatCompletions_KeyWhoseGroupsCannotReadTheSet_GetsNothingFound(bool stream)
    {
        var body = $$"""{"model":"rag","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"{{ApiFixture.AlphaQuestion}}"}]}""";
        using var request = RunningApp.Request(HttpMethod.Post, "v1/chat/completions", fixture.OutsiderKey, new StringContent(body, Encoding.UTF8, "application/json"));

        using var response = await fixture.App.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(ApiFixture.AlphaMarker, text, StringComparison.Ordinal);
        Assert.Contains(Answer.NothingFoundText, text, StringComparison.Ordinal);
        Assert.Contains("\"foundRelevant\":false", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_KeyWhoseGroupsCanReadTheSet_GetsTheContent()
    {
        var body = $$"""{"model":"rag","messages":[{"role":"user","content":"{{ApiFixture.AlphaQuestion}}"}]}""";
        using var request = RunningApp.Request(HttpMethod.Post, "v1/chat/completions", fixture.ReaderKey, new StringContent(body, Encoding.UTF8, "application/json"));

        using var response = await fixture.App.Http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Contains(ApiFixture.AlphaMarker, json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
    }
}

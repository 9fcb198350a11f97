using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.Authentication;

/// <summary>Without a valid key nothing under /v1 answers; every refusal is on the audit record without the key.</summary>
public sealed class ApiKeyAuthenticationTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Question = """{"model":"rag","messages":[{"role":"user","content":"What is the vault combination for project Alpha?"}]}""";

    [Fact]
    public async Task ChatCompletions_NoKey_Is401InOpenAiShapeAndRecordedAsDenied()
    {
        var before = await DeniedCountAsync("anonymous");
        using var request = RunningApp.Request(HttpMethod.Post, "v1/chat/completions", key: null, Json(Question));

        using var response = await fixture.App.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("invalid_api_key", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("Authorization: Bearer", json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApiFixture.AlphaMarker, body, StringComparison.Ordinal);
        Assert.Equal(before + 1, await DeniedCountAsync("anonymous"));
    }

    [Fact]
    public async Task ChatCompletions_WrongKeyOfAKnownId_Is401AndRecordedWithTheKeyIdButNotTheKey()
    {
        var wrong = ApiKeys.Create("reader");
        var before = await DeniedCountAsync("apikey:reader");
        using var request = RunningApp.Request(HttpMethod.Post, "v1/chat/completions", wrong, Json(Question));

        using var response = await fixture.App.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(ApiFixture.AlphaMarker, body, StringComparison.Ordinal);
        var audit = fixture.App.Services.GetRequiredService<IAuditLog>();
        Assert.Equal(before + 1, await DeniedCountAsync("apikey:reader"));
        var page = await audit.QueryAsync(new AuditQuery { Action = AuditActions.SignIn, UserId = "apikey:reader", Outcome = AuditOutcomes.Denied, PageSize = 1 });
        var record = Assert.Single(page.Records);
        Assert.Contains("not valid", record.Event.Detail, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", record.Event.ClientAddress);
        Assert.Contains("\"keyId\":\"reader\"", record.Event.Detail, StringComparison.Ordinal);
        await foreach (var any in audit.ReadAsync())
        {
            Assert.DoesNotContain(wrong, any.Event.Detail ?? string.Empty, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    [InlineData("Bearer rag_reader_not-the-secret")]
    public async Task Models_MalformedOrWrongAuthorization_Is401(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await fixture.App.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Models_ValidKey_Is200()
    {
        using var request = RunningApp.Request(HttpMethod.Get, "v1/models", fixture.ReaderKey);

        using var response = await fixture.App.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<int> DeniedCountAsync(string subject)
    {
        var page = await fixture.App.Services.GetRequiredService<IAuditLog>()
            .QueryAsync(new AuditQuery { Action = AuditActions.SignIn, UserId = subject, Outcome = AuditOutcomes.Denied, PageSize = AuditQuery.MaxPageSize });
        return page.Records.Count;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

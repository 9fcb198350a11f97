using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Audit;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.OpenAi;

/// <summary>A question over the API is on record as the key's user, with its groups and the client address.</summary>
public sealed class AuditTrailTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task ChatCompletions_Question_RecordsAskedRetrievedAndAnsweredAsTheKeysActor()
    {
        var body = $$"""{"model":"rag","messages":[{"role":"user","content":"{{ApiFixture.AlphaQuestion}}"}]}""";
        using var request = RunningApp.Request(HttpMethod.Post, "v1/chat/completions", fixture.AuditedKey, new StringContent(body, Encoding.UTF8, "application/json"));

        using var response = await fixture.App.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await fixture.App.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { UserId = "apikey:audited" });
        var records = page.Records.Reverse().ToList();
        Assert.Equal([AuditActions.QuestionAsked, AuditActions.ChunksRetrieved, AuditActions.AnswerGiven], records.Select(r => r.Event.Action));
        Assert.Single(records.Select(r => r.Event.CorrelationId).Distinct());
        Assert.All(records, r =>
        {
            Assert.Equal("127.0.0.1", r.Event.ClientAddress);
            Assert.Equal(["team-a"], r.Event.Actor.Groups);
        });
        Assert.Contains(ApiFixture.AlphaQuestion, records[0].Event.Detail, StringComparison.Ordinal);
        Assert.Equal(AuditOutcomes.Answered, records[2].Event.Outcome);
    }
}

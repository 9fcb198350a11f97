using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Testing;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.OpenAi;

/// <summary>The generator (a fake on-prem model server: none can run here) breaks off mid-answer.</summary>
public sealed class GeneratorFailureTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _key = ApiKeys.Create("tools");
    private OpenAiCompatibleServerFake _model = null!;
    private RunningApp? _app;

    public async Task InitializeAsync()
    {
        _model = await OpenAiCompatibleServerFake.StartAsync();
        _model.Pieces = ["The vault combination ", "is PELICAN-4471 [1]", " and the", " rest never comes."];
        _model.BreakAfterPieces = 2;
        var data = _temp.Combine("data");
        var alpha = Directory.CreateDirectory(_temp.Combine("docs", "alpha")).FullName;
        await File.WriteAllTextAsync(Path.Combine(alpha, "alpha.md"), $"# Project Alpha\n\nThe vault combination for project Alpha is {ApiFixture.AlphaMarker}.\n");
        await ApiFixture.IngestAsync(data, alpha, "alpha", "team-a");
        var settings = ApiFixture.Keys(("tools", _key, "team-a"));
        settings["Rag:Generation:Provider"] = "OpenAI";
        settings["Rag:Generation:Endpoint"] = _model.Endpoint.ToString();
        settings["Rag:Generation:Model"] = "fake-model";
        settings["Rag:Generation:MaxRetries"] = "0";
        _app = await RunningApp.StartAsync(data, settings);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _model.DisposeAsync();
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Streaming_ModelBreaksOff_EndsWithAnErrorEventAndRecordsWhatWasShown()
    {
        var body = $$"""{"model":"rag","stream":true,"messages":[{"role":"user","content":"{{ApiFixture.AlphaQuestion}}"}]}""";
        using var request = RunningApp.Request(HttpMethod.Post, "v1/chat/completions", _key, new StringContent(body, Encoding.UTF8, "application/json"));

        using var response = await _app!.Http.SendAsync(request);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(!events.Contains("data: [DONE]"), string.Join("\n", events));
        using var last = JsonDocument.Parse(events[^1]["data: ".Length..]);
        Assert.Equal("answer_incomplete", last.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(events, e => e.Contains("PELICAN-4471", StringComparison.Ordinal));
        var given = await AnswerRecordAsync();
        Assert.Equal(AuditOutcomes.Failed, given.Event.Outcome);
        Assert.Contains("The vault combination is PELICAN-4471 [1]", given.Event.Detail!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonStreaming_ModelBreaksOff_Is502InOpenAiShape()
    {
        var body = $$"""{"model":"rag","messages":[{"role":"user","content":"{{ApiFixture.AlphaQuestion}}"}]}""";
        using var request = RunningApp.Request(HttpMethod.Post, "v1/chat/completions", _key, new StringContent(body, Encoding.UTF8, "application/json"));

        using var response = await _app!.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("answer_incomplete", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(AuditOutcomes.Failed, (await AnswerRecordAsync()).Event.Outcome);
    }

    private async Task<AuditRecord> AnswerRecordAsync()
    {
        var page = await _app!.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { UserId = "apikey:tools", Action = AuditActions.AnswerGiven });
        return Assert.Single(page.Records);
    }
}

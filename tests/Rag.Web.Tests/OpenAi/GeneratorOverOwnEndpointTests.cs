using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Testing;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.OpenAi;

/// <summary>
/// The app's own endpoint as the real OpenAI-compatible server for the product's generator: app B is configured with
/// <c>Rag:Generation:Provider=OpenAI</c> pointing at app A (extractive), over real HTTP, through B's egress guard.
/// </summary>
public sealed class GeneratorOverOwnEndpointTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _keyB = ApiKeys.Create("tools");
    private RunningApp? _appB;

    public async Task InitializeAsync()
    {
        var data = _temp.Combine("data");
        var alpha = Directory.CreateDirectory(_temp.Combine("docs", "alpha")).FullName;
        await File.WriteAllTextAsync(Path.Combine(alpha, "alpha.md"), $"# Project Alpha\n\nThe vault combination for project Alpha is {ApiFixture.AlphaMarker}.\n\nAlpha meetings happen on Mondays in the blue room.\n");
        await ApiFixture.IngestAsync(data, alpha, "alpha", "team-a");
        var settings = ApiFixture.Keys(("tools", _keyB, "team-a"));
        settings["Rag:Generation:Provider"] = "OpenAI";
        settings["Rag:Generation:Endpoint"] = new Uri(fixture.App.BaseAddress, "v1").ToString();
        settings["Rag:Generation:Model"] = "rag";
        settings["Rag:Generation:ApiKey"] = fixture.ReaderKey;
        settings["Rag:Generation:ModelVersion"] = "app-a";
        _appB = await RunningApp.StartAsync(data, settings);
    }

    public async Task DisposeAsync()
    {
        if (_appB is not null)
        {
            await _appB.DisposeAsync();
        }
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Ask_GeneratorIsAnotherRagApp_AnswerComesFromItAndIsCheckedAndAudited()
    {
        var client = new OpenAIClient(new ApiKeyCredential(_keyB), new OpenAIClientOptions { Endpoint = new Uri(_appB!.BaseAddress, "v1") })
            .GetChatClient("rag")
            .AsIChatClient();

        var pieces = new List<string>();
        await foreach (var update in client.GetStreamingResponseAsync(ApiFixture.AlphaQuestion))
        {
            pieces.Add(update.Text);
        }

        var text = string.Concat(pieces);
        Assert.Contains(ApiFixture.AlphaMarker, text, StringComparison.Ordinal);
        Assert.Contains("[1]", text, StringComparison.Ordinal);

        // App A was asked by B's generator, with B's grounded prompt (numbered, delimited sources) as the question.
        var asked = await fixture.App.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { UserId = "apikey:reader", Action = AuditActions.QuestionAsked });
        Assert.Contains(asked.Records, r => Question(r).Contains("<source id=\"1\" title=\"Project Alpha\"", StringComparison.Ordinal) && Question(r).EndsWith("Question: " + ApiFixture.AlphaQuestion, StringComparison.Ordinal));

        // App B recorded the answer as written by model "rag" version "app-a", grounded.
        var given = await _appB.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { UserId = "apikey:tools", Action = AuditActions.AnswerGiven });
        var record = Assert.Single(given.Records);
        Assert.Equal("rag", record.Event.ModelId);
        Assert.Equal("app-a", record.Event.ModelVersion);
        Assert.Equal(AuditOutcomes.Answered, record.Event.Outcome);
    }

    private static string Question(AuditRecord record)
    {
        using var detail = System.Text.Json.JsonDocument.Parse(record.Event.Detail!);
        return detail.RootElement.GetProperty("question").GetString()!;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Rag.Testing;
using Rag.Web.Tests.Fixtures;
using Rag.Web.Workspaces.Ask;

namespace Rag.Web.Tests.Workspaces.Ask;

/// <summary>
/// A generated answer streams to the page as it is written. The model is a fake on-prem model server (no chat model
/// can run here): real Kestrel speaking the OpenAI wire format, holding its answer after the first piece.
/// </summary>
public sealed class AskStreamingTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private OpenAiCompatibleServerFake _model = null!;
    private RunningApp? _app;

    public async Task InitializeAsync()
    {
        _model = await OpenAiCompatibleServerFake.StartAsync();
        var data = _temp.Combine("data");
        var alpha = Directory.CreateDirectory(_temp.Combine("docs", "alpha")).FullName;
        await File.WriteAllTextAsync(Path.Combine(alpha, "alpha.md"), $"# Project Alpha\n\nThe vault combination for project Alpha is {ApiFixture.AlphaMarker}.\n");
        await ApiFixture.IngestAsync(data, alpha, "alpha", "team-a");
        _app = await RunningApp.StartAsync(data, new Dictionary<string, string?>
        {
            ["Rag:Generation:Provider"] = "OpenAI",
            ["Rag:Generation:Endpoint"] = _model.Endpoint.ToString(),
            ["Rag:Generation:Model"] = "fake-model",
            ["Rag:Generation:MaxRetries"] = "0",
        });
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
    public async Task AskAsync_GeneratedAnswer_YieldsEachPieceAsItIsWrittenThenTheCitedAnswer()
    {
        var release = new TaskCompletionSource();
        _model.Pieces = ["The vault combination ", "is **PELICAN-4471** [1]", " for project Alpha."];
        _model.HoldAfterFirstPiece = release.Task;
        var service = _app!.Services.GetRequiredService<AskService>();
        var user = AskUsers.Signed("streamer", "Employee", "team-a");
        var updates = new List<AskUpdate>();

        await foreach (var update in service.AskAsync(user, null, ApiFixture.AlphaQuestion))
        {
            if (updates.Count == 0)
            {
                // The first piece is here while the model still holds the rest: the page can show it now.
                Assert.Equal(AskUpdateKind.Text, update.Kind);
                Assert.False(release.Task.IsCompleted);
                release.SetResult();
            }

            updates.Add(update);
        }

        Assert.True(_model.HeldPieceReleasedInTime);
        var texts = updates.Where(u => u.Kind == AskUpdateKind.Text && u.Text.Length > 0).ToList();
        Assert.True(texts.Count > 1, $"{texts.Count} text updates");
        var reply = updates[^1].Reply!;
        Assert.Equal(AskUpdateKind.Answered, updates[^1].Kind);
        Assert.Equal(reply.Text, string.Concat(updates.Select(u => u.Text)).TrimEnd());
        Assert.Equal("alpha.md", Assert.Single(reply.Citations).FileName);
    }

    [Fact]
    public async Task AskAsync_NothingRelevant_IsNothingFoundAndTheModelIsNotCalled()
    {
        var service = _app!.Services.GetRequiredService<AskService>();
        var outsider = AskUsers.Signed("outsider", "ComplianceOfficer", "team-b");
        var before = _model.RequestCount;

        var updates = await AskServiceTests.AllAsync(service.AskAsync(outsider, null, ApiFixture.AlphaQuestion));

        Assert.Equal(AskUpdateKind.NothingFound, Assert.Single(updates).Kind);
        Assert.Equal(before, _model.RequestCount);
    }
}

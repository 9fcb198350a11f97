using System.Text.Json;
using Rag.Cli.Tests.Fixtures;

namespace Rag.Cli.Tests.Commands;

/// <summary>
/// Two document sets readable by different groups, each with a unique marker. These fail if the access filter
/// inside retrieval is removed: each question targets the forbidden marker directly, which would then be the top hit.
/// </summary>
public sealed class AccessControlTests : IAsyncLifetime, IDisposable
{
    private const string AlphaMarker = "PELICAN-4471";
    private const string BetaMarker = "HERON-9032";
    private const string AlphaQuestion = "What is the vault combination for project Alpha?";
    private const string BetaQuestion = "Which courier service delivers the Beta prototypes?";
    private readonly CliHarness _cli = new();

    public async Task InitializeAsync()
    {
        var alpha = _cli.Folder("alpha");
        var beta = _cli.Folder("beta");
        await File.WriteAllTextAsync(Path.Combine(alpha, "alpha.md"), $"# Project Alpha\n\nThe vault combination for project Alpha is {AlphaMarker}.\n\nAlpha meetings happen on Mondays.\n");
        await File.WriteAllTextAsync(Path.Combine(beta, "beta.md"), $"# Project Beta\n\nThe Beta prototypes are delivered by the courier service {BetaMarker}.\n\nBeta reviews happen on Thursdays.\n");
        Assert.Equal(0, (await _cli.RunAsync("ingest", alpha, "--set", "alpha", "--groups", "team-a")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("ingest", beta, "--set", "beta", "--groups", "team-b")).ExitCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("team-a", AlphaQuestion, AlphaMarker, BetaMarker)]
    [InlineData("team-a", BetaQuestion, AlphaMarker, BetaMarker)]
    [InlineData("team-b", BetaQuestion, BetaMarker, AlphaMarker)]
    [InlineData("team-b", AlphaQuestion, BetaMarker, AlphaMarker)]
    public async Task Ask_GroupOfOneSet_NeverSeesTheOtherSetsMarker(string group, string question, string allowedMarker, string forbiddenMarker)
    {
        var run = await _cli.RunAsync("ask", question, "--groups", group, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(forbiddenMarker, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(forbiddenMarker, run.Error, StringComparison.Ordinal);
        if (question == (allowedMarker == AlphaMarker ? AlphaQuestion : BetaQuestion))
        {
            Assert.Contains(allowedMarker, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ask_FollowUpWithOtherGroupsInTheSameConversation_NeitherSearchesNorShowsTheEarlierTurn()
    {
        const string followUp = "And when are the reviews?";
        var first = await _cli.RunAsync("ask", AlphaQuestion, "--groups", "team-a", "--conversation", "c1", "--json");

        var second = await _cli.RunAsync("ask", followUp, "--groups", "team-b", "--conversation", "c1", "--json");

        Assert.Contains(AlphaMarker, first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain(AlphaMarker, second.Output + second.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(second.Output);
        Assert.Equal(followUp, json.RootElement.GetProperty("searchQuery").GetString());
    }

    [Fact]
    public async Task Ask_FollowUpWithTheSameGroupsInTheSameConversation_SearchesWithTheEarlierQuestion()
    {
        const string followUp = "And when are the meetings?";
        await _cli.RunAsync("ask", AlphaQuestion, "--groups", "team-a", "--conversation", "c2", "--json");

        var second = await _cli.RunAsync("ask", followUp, "--groups", "team-a", "--conversation", "c2", "--json");

        using var json = JsonDocument.Parse(second.Output);
        Assert.Equal($"{AlphaQuestion} {followUp}", json.RootElement.GetProperty("searchQuery").GetString());
    }

    [Fact]
    public async Task Ask_UserInBothGroups_SeesBothMarkers()
    {
        var alpha = await _cli.RunAsync("ask", AlphaQuestion, "--groups", "team-a,team-b", "--json");
        var beta = await _cli.RunAsync("ask", BetaQuestion, "--groups", "team-b,team-a", "--json");

        Assert.Contains(AlphaMarker, alpha.Output, StringComparison.Ordinal);
        Assert.Contains(BetaMarker, beta.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AlphaQuestion)]
    [InlineData(BetaQuestion)]
    public async Task Ask_NoGroups_SeesNothing(string question)
    {
        var run = await _cli.RunAsync("ask", question, "--groups", "", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(AlphaMarker, run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(BetaMarker, run.Output + run.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Output);
        Assert.False(json.RootElement.GetProperty("foundRelevant").GetBoolean());
        Assert.Equal(0, json.RootElement.GetProperty("citations").GetArrayLength());
    }

    [Fact]
    public async Task Ask_GroupOfNoSet_SeesNothing()
    {
        var run = await _cli.RunAsync("ask", AlphaQuestion, "--groups", "team-c", "--json");

        Assert.DoesNotContain(AlphaMarker, run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(BetaMarker, run.Output + run.Error, StringComparison.Ordinal);
    }
}

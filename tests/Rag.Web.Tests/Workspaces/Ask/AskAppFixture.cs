using Rag.Testing;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.Workspaces.Ask;

/// <summary>
/// The real app (extractive answers, no generator) over a fresh data directory with set <c>alpha</c> (group
/// <c>team-a</c>) holding the marker <see cref="ApiFixture.AlphaMarker"/>, and set <c>beta</c> (group <c>team-b</c>).
/// </summary>
public sealed class AskAppFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private RunningApp? _app;

    internal RunningApp App => _app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var data = _temp.Combine("data");
        var alpha = Directory.CreateDirectory(_temp.Combine("docs", "alpha")).FullName;
        var beta = Directory.CreateDirectory(_temp.Combine("docs", "beta")).FullName;
        await File.WriteAllTextAsync(Path.Combine(alpha, "alpha.md"), $"# Project Alpha\n\nThe vault combination for project Alpha is {ApiFixture.AlphaMarker}.\n\nAlpha meetings happen on Mondays in the blue room.\n");
        await File.WriteAllTextAsync(Path.Combine(beta, "beta.md"), $"# Project Beta\n\nThe Beta prototypes are delivered by the courier service {ApiFixture.BetaMarker}.\n\nBeta reviews happen on Thursdays.\n");
        await ApiFixture.IngestAsync(data, alpha, "alpha", "team-a");
        await ApiFixture.IngestAsync(data, beta, "beta", "team-b");
        _app = await RunningApp.StartAsync(data, new Dictionary<string, string?>());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _temp.Dispose();
}

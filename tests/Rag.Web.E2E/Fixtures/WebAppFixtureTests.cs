using Rag.Storage.Queue;

namespace Rag.Web.E2E.Fixtures;

public sealed class WebAppFixtureTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task StartWorkerAsync_WorkerRunsOverTheAppsDataDirectory()
    {
        var worker = await app.StartWorkerAsync();

        Assert.False(worker.HasExited, worker.Output);
        var jobs = SqliteIngestJobStore.Open(app.DataDirectory, maxAttempts: 3);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var live = await jobs.LiveWorkersAsync(TimeSpan.FromMinutes(1));
        while (live.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            live = await jobs.LiveWorkersAsync(TimeSpan.FromMinutes(1));
        }

        Assert.NotEmpty(live);
    }
}

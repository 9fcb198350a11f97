using Rag.Core.Ingestion;
using Rag.Web.Workspaces.Documents;

namespace Rag.Web.Tests.Workspaces.Documents;

/// <summary>One test only: it plays the worker on this class's own queue (claims take the oldest job of the whole queue).</summary>
public sealed class DocumentStatesTests(DocumentsFixture fixture) : IClassFixture<DocumentsFixture>
{
    [Fact]
    public async Task WatchAsync_WorkerMovesJobs_EachStateShownAsItHappens()
    {
        var set = DocumentsFixture.NewSet("states");
        await fixture.Get<DocumentSetAdministration>().CreateAsync(DocumentsFixture.Admin, set, ["it"]);
        await fixture.Get<DocumentUploads>().UploadAsync(DocumentsFixture.Admin, set, [DocumentsFixture.Text("a.md", "# A\n\nOne."), DocumentsFixture.Text("b.md", "# B\n\nTwo.")]);
        var store = fixture.Get<IIngestJobStore>();
        var lease = TimeSpan.FromMinutes(1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<string>();
        long jobId = 0;

        await foreach (var rows in fixture.Get<DocumentStates>().WatchAsync(DocumentsFixture.Admin, set, timeout.Token))
        {
            seen.Add(string.Join(", ", rows.Select(r => $"{r.FileName}:{r.State.ToString().ToLowerInvariant()}{(r.Reason is null ? string.Empty : "(" + r.Reason + ")")}")));
            switch (seen.Count)
            {
                case 1:
                    var claimed = await store.ClaimAsync("test-worker", lease);
                    Assert.Equal("a.md", claimed!.Request.RelativePath);
                    jobId = claimed.JobId;
                    break;
                case 2:
                    await store.ReportAsync(jobId, "test-worker", IngestJobState.Embedding, lease, new IngestJobProgress(0, 0, 1, 3));
                    break;
                case 3:
                    await store.CompleteAsync(jobId, "test-worker", new IngestJobOutcome(IngestJobState.Failed, "the file is damaged", IngestJobProgress.None));
                    break;
                default:
                    timeout.Cancel();
                    break;
            }

            if (timeout.IsCancellationRequested)
            {
                break;
            }
        }

        Assert.Equal(
            [
                "a.md:queued, b.md:queued",
                "a.md:parsing, b.md:queued",
                "a.md:embedding, b.md:queued",
                "a.md:failed(the file is damaged), b.md:queued",
            ],
            seen);
    }
}

using Rag.Core.Audit;
using Rag.Core.Ingestion;
using Rag.Ingest.Pipeline;
using Rag.Testing;

namespace Rag.Ingest.Tests.Worker;

/// <summary>The worker loop over a real temporary rag.db queue, the real index, audit log and embedder.</summary>
[Collection(RunsAlone.Name)]
public sealed class IngestWorkerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task RunUntil_QueuedBatch_IndexesEveryDocumentWithOneRecordEach()
    {
        var folder = WorkerHarness.WriteDocuments(_temp.Combine("in"), 3);
        await using var harness = new WorkerHarness(_temp.Combine("data"));
        var batch = await harness.EnqueueAsync(folder);

        var results = await harness.RunAsync(harness.NewWorker());

        Assert.Equal(3, batch.Jobs.Count);
        Assert.All(results, r => Assert.Equal(IngestionStatus.Indexed, r.Result.Status));
        Assert.All(await harness.JobsAsync(), j => Assert.Equal((IngestJobState.Indexed, 1, (string?)null), (j.State, j.Attempts, j.WorkerId)));
        Assert.All(await harness.JobsAsync(), j => Assert.True(j.Progress.ChunksDone > 0 && j.Progress.ChunksDone == j.Progress.ChunksTotal));
        Assert.Equal(3, (await harness.AuditAsync(AuditActions.DocumentIndexed)).Count);
        Assert.Equal(3, (await harness.Index.GetStatisticsAsync()).Documents);
    }

    [Fact]
    public async Task RunUntil_IndexNotYetBoundToTheModel_WorkerBindsItAndIndexes()
    {
        // A worker started on a fresh data directory takes jobs queued by something that did not bind the model.
        var folder = WorkerHarness.WriteDocuments(_temp.Combine("in"), 1);
        await using var harness = new WorkerHarness(_temp.Combine("data"));
        await harness.Index.UpsertDocumentSetAsync(new Rag.Core.Documents.DocumentSet("fresh", ["staff"]));
        var file = Directory.GetFiles(folder).Single();
        await harness.Store.EnqueueAsync([new IngestJobRequest("fresh", file, Path.GetFileName(file), null, "test", "batch-1")]);
        Assert.Null(await harness.Index.GetModelAsync());

        var results = await harness.RunAsync(harness.NewWorker());

        Assert.Equal(IngestionStatus.Indexed, Assert.Single(results).Result.Status);
        Assert.NotNull(await harness.Index.GetModelAsync());
    }

    [Fact]
    public async Task RunUntil_EmbedFailsOnceForADocument_RetriedAndIndexed()
    {
        var folder = WorkerHarness.WriteDocuments(_temp.Combine("in"), 3);
        await using var harness = new WorkerHarness(_temp.Combine("data"));
        var failures = 0;
        harness.Embedder.Before = (marker, _) => marker == "doc-1" && Interlocked.Increment(ref failures) == 1
            ? throw new HttpRequestException("embedding server unavailable")
            : Task.CompletedTask;
        await harness.EnqueueAsync(folder);

        var results = await harness.RunAsync(harness.NewWorker());

        Assert.Equal(3, results.Count(r => r.Result.Status == IngestionStatus.Indexed));
        var retried = Assert.Single(await harness.JobsAsync(), j => j.Request.RelativePath == "d01.md");
        Assert.Equal((IngestJobState.Indexed, 2), (retried.State, retried.Attempts));
        Assert.Empty(await harness.AuditAsync(AuditActions.DocumentFailed));
        Assert.Equal(3, (await harness.AuditAsync(AuditActions.DocumentIndexed)).Count);
    }

    [Fact]
    public async Task RunUntil_EmbedAlwaysFailsForADocument_FailedWithReasonAfterMaxAttemptsWhileOthersIndex()
    {
        var folder = WorkerHarness.WriteDocuments(_temp.Combine("in"), 3);
        await using var harness = new WorkerHarness(_temp.Combine("data"), new Dictionary<string, string?> { ["Rag:Ingestion:Worker:MaxAttempts"] = "2" });
        harness.Embedder.Before = (marker, _) => marker == "doc-1" ? throw new HttpRequestException("embedding server unavailable") : Task.CompletedTask;
        await harness.EnqueueAsync(folder);

        var results = await harness.RunAsync(harness.NewWorker());

        var failed = Assert.Single(results, r => r.Result.Status == IngestionStatus.Failed);
        Assert.Contains("embedding server unavailable", failed.Result.Reason, StringComparison.Ordinal);
        Assert.Equal(2, results.Count(r => r.Result.Status == IngestionStatus.Indexed));
        var job = Assert.Single(await harness.JobsAsync(), j => j.State == IngestJobState.Failed);
        Assert.Equal(2, job.Attempts);
        Assert.Contains("gave up after 2 attempts", job.Reason, StringComparison.Ordinal);
        Assert.Equal(2, harness.Embedder.Calls["doc-1"]);
        Assert.Single(await harness.AuditAsync(AuditActions.DocumentFailed));
    }

    [Fact]
    public async Task RunUntil_UnreadableDocument_FailsAtOnceWithTheReasonAndIsNotRetried()
    {
        var folder = WorkerHarness.WriteDocuments(_temp.Combine("in"), 2);
        await File.WriteAllTextAsync(Path.Combine(folder, "empty.md"), "   \n");
        await using var harness = new WorkerHarness(_temp.Combine("data"));
        await harness.EnqueueAsync(folder);

        var results = await harness.RunAsync(harness.NewWorker());

        var failed = Assert.Single(await harness.JobsAsync(), j => j.State == IngestJobState.Failed);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(failed.Reason, Assert.Single(results, r => r.Result.Status == IngestionStatus.Failed).Result.Reason);
        Assert.Single(await harness.AuditAsync(AuditActions.DocumentFailed));
        Assert.Equal(failed.JobId, Assert.Single((await harness.EnqueueAsync(folder)).Jobs, j => j.State == IngestJobState.Failed).JobId);
    }

    [Fact]
    public async Task RunUntil_TwoWorkersOnOneQueue_EveryDocumentProcessedOnce()
    {
        var folder = WorkerHarness.WriteDocuments(_temp.Combine("in"), 12);
        await using var harness = new WorkerHarness(_temp.Combine("data"));
        await harness.EnqueueAsync(folder);

        var both = await Task.WhenAll(harness.RunAsync(harness.NewWorker()), harness.RunAsync(harness.NewWorker()));

        Assert.Equal(12, both.Sum(r => r.Count));
        Assert.Equal(12, both.SelectMany(r => r).Select(r => r.JobId).Distinct().Count());
        Assert.Equal(12, (await harness.AuditAsync(AuditActions.DocumentIndexed)).Count);
        Assert.All(Enumerable.Range(0, 12), i => Assert.Equal(1, harness.Embedder.Calls[$"doc-{i}"]));
        var statistics = await harness.Index.GetStatisticsAsync();
        Assert.Equal(12, statistics.Documents);
        Assert.Equal((await harness.JobsAsync()).Sum(j => j.Progress.ChunksTotal), statistics.Chunks);
    }

    [Fact]
    public async Task RunUntil_LeaseLostWhileEmbedding_WritesNothingForThatDocument()
    {
        var folder = WorkerHarness.WriteDocuments(_temp.Combine("in"), 3);
        await using var harness = new WorkerHarness(_temp.Combine("data"));
        var batch = await harness.EnqueueAsync(folder);
        var stolen = batch.Jobs.Single(j => j.Request.RelativePath == "d01.md");
        var worker = harness.NewWorker();
        harness.Embedder.Before = async (marker, token) =>
        {
            if (marker == "doc-1" && harness.Embedder.Calls[marker] == 1)
            {
                // Another worker takes the job (as after an expired lease) while this one is embedding it.
                await harness.Store.ReleaseAsync(stolen.JobId, worker.WorkerId, token);
                Assert.Equal(stolen.JobId, (await harness.Store.ClaimAsync("thief", TimeSpan.FromMinutes(5), token))?.JobId);
            }
        };

        var results = await harness.RunAsync(worker, exceptHeldBy: "thief");

        Assert.Equal(2, results.Count);
        Assert.DoesNotContain(results, r => r.JobId == stolen.JobId);
        Assert.Null(await harness.Index.GetDocumentAsync(stolen.DocumentId));
        Assert.DoesNotContain(await harness.AuditAsync(AuditActions.DocumentIndexed), r => r.Event.Targets.Contains(stolen.DocumentId));
        var job = Assert.Single(await harness.JobsAsync(), j => j.JobId == stolen.JobId);
        Assert.Equal((IngestJobState.Parsing, "thief"), (job.State, job.WorkerId));
    }

    [Fact]
    public async Task RunUntil_RestartAfterCancellation_ResumesWithoutReembeddingFinishedDocuments()
    {
        var folder = WorkerHarness.WriteDocuments(_temp.Combine("in"), 6);
        await using var harness = new WorkerHarness(_temp.Combine("data"));
        await harness.EnqueueAsync(folder);
        using var stop = new CancellationTokenSource();
        var first = new List<string>();
        void Stop(Rag.Ingest.Worker.JobResult result)
        {
            first.Add(result.Result.Path);
            if (first.Count == 2)
            {
                stop.Cancel();
            }
        }

        // doc-4 and doc-5 cannot finish embedding before the shutdown: they must be released, and embedded after the restart.
        harness.Embedder.Before = (marker, token) => marker is "doc-4" or "doc-5" ? Task.Delay(Timeout.Infinite, token) : Task.CompletedTask;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.NewWorker().RunUntilAsync(_ => Task.FromResult(false), Stop, stop.Token));
        harness.Embedder.Before = null;
        var indexedFirst = (await harness.JobsAsync()).Where(j => j.State == IngestJobState.Indexed).Select(j => j.Request.RelativePath).ToList();
        Assert.DoesNotContain(await harness.JobsAsync(), j => j.State is IngestJobState.Parsing or IngestJobState.Embedding);
        harness.Embedder.Reset();

        var second = await harness.RunAsync(harness.NewWorker());

        Assert.InRange(indexedFirst.Count, 2, 4);
        Assert.Equal(6 - indexedFirst.Count, second.Count);
        Assert.All(await harness.JobsAsync(), j => Assert.Equal(IngestJobState.Indexed, j.State));
        Assert.All(indexedFirst, path => Assert.False(harness.Embedder.Calls.ContainsKey("doc-" + int.Parse(path[1..3], System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(6, (await harness.AuditAsync(AuditActions.DocumentIndexed)).Count);

        harness.Embedder.Reset();
        await harness.EnqueueAsync(folder);
        var third = await harness.RunAsync(harness.NewWorker());
        Assert.All(third, r => Assert.Equal(IngestionStatus.Unchanged, r.Result.Status));
        Assert.Equal(6, third.Count);
        Assert.Empty(harness.Embedder.Calls);
    }

    public void Dispose() => _temp.Dispose();
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Rag.Core.Ids;
using Rag.Core.Ingestion;
using Xunit;

namespace Rag.Testing.Contracts;

/// <summary>
/// What every <see cref="IIngestJobStore"/> must do, written once (SQLite now, PostgreSQL later). A backend's test class
/// says how to open a queue by name: two opens of one name are two instances over one queue, as two processes would
/// have. Every test uses its own queue and a <see cref="FakeTimeProvider"/> shared by its instances.
/// </summary>
public abstract class IngestJobStoreContract : IAsyncLifetime
{
    private const string Lease = "lease";
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(1);

    /// <summary>The clock every store of the test reads.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Opens (creating when new) the queue named <paramref name="queue"/>; the subclass disposes it after the test.</summary>
    protected abstract Task<IIngestJobStore> OpenAsync(string queue, int maxAttempts, TimeProvider time);

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Enqueue_NewFiles_QueuedInOrderWithTheirDocumentIds()
    {
        var store = await OpenAsync("q", 3, Time);

        var jobs = await store.EnqueueAsync([Request("a.txt"), Request("b.txt")]);

        Assert.Equal(["a.txt", "b.txt"], jobs.Select(j => j.Request.RelativePath));
        Assert.All(jobs, j => Assert.Equal(IngestJobState.Queued, j.State));
        Assert.Equal(DocumentIds.For("docs", "a.txt"), jobs[0].DocumentId);
        Assert.Equal(0, jobs[0].Attempts);
        Assert.Equal(Time.GetUtcNow(), jobs[0].CreatedAt);
    }

    [Fact]
    public async Task Enqueue_FileAlreadyWaitingOrRunning_ReturnsItsJobInsteadOfASecond()
    {
        var store = await OpenAsync("q", 3, Time);
        var first = (await store.EnqueueAsync([Request("a.txt"), Request("b.txt")])).ToList();
        await store.ClaimAsync("w1", LeaseTime);

        var again = await store.EnqueueAsync([Request("a.txt", batch: "b2"), Request("b.txt", batch: "b2")]);

        Assert.Equal(first.Select(j => j.JobId), again.Select(j => j.JobId));
        Assert.Equal(2, (await store.ListAsync(new IngestJobQuery())).Count);
    }

    [Fact]
    public async Task Claim_TwoStoresOnOneQueueRacingFromSeveralThreads_ClaimEveryJobExactlyOnce()
    {
        const int Jobs = 60;
        var one = await OpenAsync("q", 3, Time);
        var two = await OpenAsync("q", 3, Time);
        await one.EnqueueAsync(Enumerable.Range(0, Jobs).Select(i => Request($"f{i}.txt")).ToList());
        var claims = new ConcurrentBag<(long JobId, string Worker)>();
        using var start = new Barrier(8);

        var racers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var store = i % 2 == 0 ? one : two;
            var worker = $"w{i}";
            start.SignalAndWait();
            while (await store.ClaimAsync(worker, LeaseTime) is { } job)
            {
                claims.Add((job.JobId, worker));
            }
        }));
        await Task.WhenAll(racers);

        Assert.Equal(Jobs, claims.Count);
        Assert.Equal(Jobs, claims.Select(c => c.JobId).Distinct().Count());
        var listed = await two.ListAsync(new IngestJobQuery());
        Assert.All(listed, j => Assert.Equal((IngestJobState.Parsing, 1), (j.State, j.Attempts)));
        Assert.All(listed, j => Assert.Equal(claims.Single(c => c.JobId == j.JobId).Worker, j.WorkerId));
    }

    [Fact]
    public async Task Claim_LeaseExpired_AnotherWorkerTakesTheJobAndCountsAnAttempt()
    {
        var store = await OpenAsync("q", 3, Time);
        await store.EnqueueAsync([Request("a.txt")]);
        var first = await store.ClaimAsync("w1", LeaseTime);

        Assert.Null(await store.ClaimAsync("w2", LeaseTime));
        Time.Advance(LeaseTime + TimeSpan.FromSeconds(1));
        var second = await store.ClaimAsync("w2", LeaseTime);

        Assert.Equal(first!.JobId, second?.JobId);
        Assert.Equal(("w2", 2), (second!.WorkerId, second.Attempts));
        Assert.Contains(Lease, second.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeat_BeforeLeaseExpires_KeepsTheJobFromOthers()
    {
        var store = await OpenAsync("q", 3, Time);
        await store.EnqueueAsync([Request("a.txt")]);
        var job = await store.ClaimAsync("w1", LeaseTime);

        Time.Advance(LeaseTime * 0.75);
        Assert.True(await store.HeartbeatAsync(job!.JobId, "w1", LeaseTime, new IngestJobProgress(1, 4, 0, 0)));
        Time.Advance(LeaseTime * 0.75);

        Assert.Null(await store.ClaimAsync("w2", LeaseTime));
        var listed = Assert.Single(await store.ListAsync(new IngestJobQuery()));
        Assert.Equal(new IngestJobProgress(1, 4, 0, 0), listed.Progress);
    }

    [Fact]
    public async Task Heartbeat_AfterLeaseLostToAnotherWorker_ReturnsFalseAndCompleteChangesNothing()
    {
        var one = await OpenAsync("q", 3, Time);
        var two = await OpenAsync("q", 3, Time);
        await one.EnqueueAsync([Request("a.txt")]);
        var job = await one.ClaimAsync("w1", LeaseTime);
        Time.Advance(LeaseTime + TimeSpan.FromSeconds(1));
        await two.ClaimAsync("w2", LeaseTime);

        Assert.False(await one.HeartbeatAsync(job!.JobId, "w1", LeaseTime, new IngestJobProgress(9, 9, 9, 9)));
        Assert.False(await one.ReportAsync(job.JobId, "w1", IngestJobState.Embedding, LeaseTime, new IngestJobProgress(9, 9, 9, 9)));
        Assert.False(await one.CompleteAsync(job.JobId, "w1", new IngestJobOutcome(IngestJobState.Indexed, null, new IngestJobProgress(9, 9, 9, 9))));
        await one.ReleaseAsync(job.JobId, "w1");

        var listed = Assert.Single(await two.ListAsync(new IngestJobQuery()));
        Assert.Equal((IngestJobState.Parsing, "w2", IngestJobProgress.None), (listed.State, listed.WorkerId, listed.Progress));
        Assert.True(await two.CompleteAsync(job.JobId, "w2", new IngestJobOutcome(IngestJobState.Indexed, null, new IngestJobProgress(1, 1, 2, 2))));
    }

    [Fact]
    public async Task Report_Embedding_StateAndProgressAreVisible()
    {
        var store = await OpenAsync("q", 3, Time);
        await store.EnqueueAsync([Request("a.txt")]);
        var job = await store.ClaimAsync("w1", LeaseTime);

        Assert.True(await store.ReportAsync(job!.JobId, "w1", IngestJobState.Embedding, LeaseTime, new IngestJobProgress(3, 3, 5, 12)));

        var listed = Assert.Single(await store.ListAsync(new IngestJobQuery(States: [IngestJobState.Embedding])));
        Assert.Equal(new IngestJobProgress(3, 3, 5, 12), listed.Progress);
    }

    [Fact]
    public async Task Complete_RetryableFailure_QueuedAgainOnlyOnceItsRetryTimeHasCome()
    {
        var store = await OpenAsync("q", 3, Time);
        await store.EnqueueAsync([Request("a.txt")]);
        var job = await store.ClaimAsync("w1", LeaseTime);

        Assert.True(await store.CompleteAsync(job!.JobId, "w1", new IngestJobOutcome(IngestJobState.Failed, "embedder down", IngestJobProgress.None, TimeSpan.FromSeconds(30))));

        var waiting = Assert.Single(await store.ListAsync(new IngestJobQuery()));
        Assert.Equal((IngestJobState.Queued, "embedder down", (string?)null), (waiting.State, waiting.Reason, waiting.WorkerId));
        Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Null(await store.ClaimAsync("w1", LeaseTime));
        Time.Advance(TimeSpan.FromSeconds(1));
        var retried = await store.ClaimAsync("w1", LeaseTime);
        Assert.Equal((job.JobId, 2), (retried?.JobId, retried?.Attempts));
    }

    [Fact]
    public async Task Complete_RetryableFailureOnTheLastAttempt_StaysFailedWithItsReason()
    {
        var store = await OpenAsync("q", 2, Time);
        await store.EnqueueAsync([Request("a.txt"), Request("b.txt")]);
        var retry = new IngestJobOutcome(IngestJobState.Failed, "embedder down", IngestJobProgress.None, TimeSpan.Zero);

        var job = await store.ClaimAsync("w1", LeaseTime);
        await store.CompleteAsync(job!.JobId, "w1", retry);
        var second = await store.ClaimAsync("w1", LeaseTime);
        Assert.Equal((job.JobId, 2), (second?.JobId, second?.Attempts));
        await store.CompleteAsync(job.JobId, "w1", retry);

        var failed = (await store.ListAsync(new IngestJobQuery(States: [IngestJobState.Failed]))).Single();
        Assert.Equal((job.JobId, 2), (failed.JobId, failed.Attempts));
        Assert.Contains("embedder down", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("2 attempts", failed.Reason, StringComparison.Ordinal);
        var next = await store.ClaimAsync("w1", LeaseTime);
        Assert.Equal("b.txt", next?.Request.RelativePath);
        Assert.Null(await store.ClaimAsync("w1", LeaseTime));
    }

    [Fact]
    public async Task Claim_LeaseExpiredOnTheLastAttempt_ParksTheJobAsFailed()
    {
        var store = await OpenAsync("q", 2, Time);
        await store.EnqueueAsync([Request("a.txt")]);
        await store.ClaimAsync("w1", LeaseTime);
        Time.Advance(LeaseTime * 2);
        await store.ClaimAsync("w2", LeaseTime);
        Time.Advance(LeaseTime * 2);

        Assert.Null(await store.ClaimAsync("w3", LeaseTime));

        var failed = Assert.Single(await store.ListAsync(new IngestJobQuery()));
        Assert.Equal((IngestJobState.Failed, 2, (string?)null), (failed.State, failed.Attempts, failed.WorkerId));
        Assert.Contains(Lease, failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_NotRetryableFailure_FailsAtOnceAndKeepsTheHash()
    {
        var store = await OpenAsync("q", 3, Time);
        await store.EnqueueAsync([Request("a.txt")]);
        var job = await store.ClaimAsync("w1", LeaseTime);

        await store.CompleteAsync(job!.JobId, "w1", new IngestJobOutcome(IngestJobState.Failed, "parser crashed", IngestJobProgress.None, ContentHash: "h1"));

        var failed = Assert.Single(await store.ListAsync(new IngestJobQuery()));
        Assert.Equal((IngestJobState.Failed, "parser crashed", 1, "h1"), (failed.State, failed.Reason, failed.Attempts, failed.Request.ContentHash));
        Assert.Null(await store.ClaimAsync("w1", LeaseTime));
    }

    [Fact]
    public async Task Enqueue_FailedFileWithSameHash_StaysFailedUntilItsHashChanges()
    {
        var store = await OpenAsync("q", 3, Time);
        await store.EnqueueAsync([Request("a.txt", hash: "h1")]);
        var job = await store.ClaimAsync("w1", LeaseTime);
        await store.CompleteAsync(job!.JobId, "w1", new IngestJobOutcome(IngestJobState.Failed, "parser crashed", IngestJobProgress.None));

        var same = Assert.Single(await store.EnqueueAsync([Request("a.txt", hash: "h1")]));
        Assert.Equal((job.JobId, IngestJobState.Failed, "parser crashed"), (same.JobId, same.State, same.Reason));
        Assert.Null(await store.ClaimAsync("w1", LeaseTime));

        var changed = Assert.Single(await store.EnqueueAsync([Request("a.txt", hash: "h2")]));
        Assert.NotEqual(job.JobId, changed.JobId);
        Assert.Equal(IngestJobState.Queued, changed.State);
        Assert.Equal(changed.JobId, (await store.ClaimAsync("w1", LeaseTime))?.JobId);
    }

    [Fact]
    public async Task Release_HeldJob_QueuedAgainAtOnceWithoutCountingTheAttempt()
    {
        var store = await OpenAsync("q", 3, Time);
        await store.EnqueueAsync([Request("a.txt")]);
        var job = await store.ClaimAsync("w1", LeaseTime);

        await store.ReleaseAsync(job!.JobId, "w1");

        var released = Assert.Single(await store.ListAsync(new IngestJobQuery()));
        Assert.Equal((IngestJobState.Queued, 0, (string?)null), (released.State, released.Attempts, released.WorkerId));
        var reclaimed = await store.ClaimAsync("w2", LeaseTime);
        Assert.Equal((job.JobId, 1), (reclaimed?.JobId, reclaimed?.Attempts));
    }

    [Fact]
    public async Task List_ByBatchAndState_NewestFirst()
    {
        var store = await OpenAsync("q", 3, Time);
        await store.EnqueueAsync([Request("a.txt", batch: "b1"), Request("b.txt", batch: "b1")]);
        await store.EnqueueAsync([Request("c.txt", batch: "b2")]);
        await store.ClaimAsync("w1", LeaseTime);

        var batch = await store.ListAsync(new IngestJobQuery(BatchId: "b1"));
        var queued = await store.ListAsync(new IngestJobQuery(States: [IngestJobState.Queued]));
        var other = await store.ListAsync(new IngestJobQuery(SetName: "other"));

        Assert.Equal(["b.txt", "a.txt"], batch.Select(j => j.Request.RelativePath));
        Assert.Equal(["c.txt", "b.txt"], queued.Select(j => j.Request.RelativePath));
        Assert.Empty(other);
    }

    [Fact]
    public async Task List_ByJobIds_OnlyThoseJobs()
    {
        var store = await OpenAsync("q", 3, Time);
        var jobs = await store.EnqueueAsync([Request("a.txt"), Request("b.txt"), Request("c.txt")]);

        var listed = await store.ListAsync(new IngestJobQuery(JobIds: [jobs[0].JobId, jobs[2].JobId]));
        var none = await store.ListAsync(new IngestJobQuery(JobIds: []));

        Assert.Equal(["c.txt", "a.txt"], listed.Select(j => j.Request.RelativePath));
        Assert.Empty(none);
    }

    [Fact]
    public async Task LiveWorkers_RecentHeartbeats_ListedAndSilentOnesNot()
    {
        var store = await OpenAsync("q", 3, Time);
        var started = Time.GetUtcNow();
        await store.WorkerHeartbeatAsync(new IngestWorkerInfo("old", "host", 1, "CPU", started, started));
        Time.Advance(TimeSpan.FromMinutes(1));
        await store.WorkerHeartbeatAsync(new IngestWorkerInfo("new", "host", 2, "CUDA", started, Time.GetUtcNow()));

        var live = Assert.Single(await store.LiveWorkersAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(("new", "CUDA", 2), (live.WorkerId, live.ExecutionProvider, live.ProcessId));
        Assert.Equal(Time.GetUtcNow(), live.LastSeen);
    }

    private static IngestJobRequest Request(string relativePath, string batch = "b1", string? hash = null) =>
        new("docs", "/data/" + relativePath, relativePath, hash, "tester", batch);
}

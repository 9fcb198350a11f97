using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Ingestion;
using Rag.Storage;
using Rag.Storage.Queue;
using Rag.Testing;

namespace Rag.Ingest.Worker.Tests.Hosting;

public sealed class WorkerHostTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Worker_Started_LogsProviderRegistersAndExitsZeroOnSigterm()
    {
        using var data = new TempDirectory();
        using var worker = WorkerProcess.Start(data.Path);

        await worker.WaitForAsync("on execution provider CPU", StartTimeout);
        var jobs = SqliteIngestJobStore.Open(data.Path, maxAttempts: 3);
        // The host logs its provider before its worker loop binds the model and registers: wait for the registration.
        var deadline = DateTime.UtcNow + StartTimeout;
        var live = await jobs.LiveWorkersAsync(TimeSpan.FromMinutes(1));
        while (live.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            live = await jobs.LiveWorkersAsync(TimeSpan.FromMinutes(1));
        }

        var registered = Assert.Single(live);
        Assert.Equal(worker.Id, registered.ProcessId);
        Assert.Equal("CPU", registered.ExecutionProvider);

        worker.Terminate();
        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exitCode);
        Assert.Contains("stopped", worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_CudaNamedInCpuOnlyBuild_ExitsOneNamingTheSetting()
    {
        using var data = new TempDirectory();
        using var worker = WorkerProcess.Start(data.Path, environment: new Dictionary<string, string> { ["Rag__Embedding__ExecutionProvider"] = "Cuda" });

        var exitCode = await worker.WaitForExitAsync(StartTimeout);

        Assert.Equal(1, exitCode);
        Assert.Contains("error: invalid configuration: Rag:Embedding:ExecutionProvider: Cuda cannot be used", worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_QueuedDocument_IndexedWhileRunning()
    {
        using var data = new TempDirectory();
        var file = data.Combine("docs", "bees.md");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "# Beekeeping\n\nThe rooftop beehives are inspected every Thursday at dawn.");
        await using (var index = await SqliteDocumentIndex.OpenAsync(new StorageOptions { DataDirectory = data.Path }))
        {
            // What `rag ingest` does before it queues (IngestJobEnqueuer): the set exists and the index is bound to the model.
            await index.EnsureModelAsync(new EmbeddingModelInfo("use-lite", 512));
            await index.UpsertDocumentSetAsync(new DocumentSet("garden", ["staff"]));
        }

        var jobs = SqliteIngestJobStore.Open(data.Path, maxAttempts: 3);
        await jobs.EnqueueAsync([new IngestJobRequest("garden", file, "bees.md", null, "os:test", "batch-1")]);
        using var worker = WorkerProcess.Start(data.Path);

        var deadline = DateTime.UtcNow + StartTimeout;
        IngestJob job;
        do
        {
            await Task.Delay(200);
            job = Assert.Single(await jobs.ListAsync(new IngestJobQuery(BatchId: "batch-1")));
        }
        while (job.State is not (IngestJobState.Indexed or IngestJobState.Failed or IngestJobState.Skipped) && DateTime.UtcNow < deadline);

        Assert.True(job.State == IngestJobState.Indexed, $"{job.State}: {job.Reason}\n{worker.Output}");
        await using var reopened = await SqliteDocumentIndex.OpenAsync(new StorageOptions { DataDirectory = data.Path });
        Assert.Equal(1, (await reopened.GetStatisticsAsync()).Documents);
        worker.Terminate();
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }
}

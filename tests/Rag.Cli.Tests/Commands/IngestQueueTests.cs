using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Rag.Cli.Tests.Fixtures;
using Rag.Core.Ingestion;
using Rag.Testing;

namespace Rag.Cli.Tests.Commands;

/// <summary><c>rag ingest</c> over the durable queue: --no-wait, waiting for a live worker process, or working in-process.</summary>
public sealed partial class IngestQueueTests
{
    private static readonly TimeSpan WorkerTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Ingest_NoWait_LeavesJobsQueuedAndASecondIngestIndexesThem()
    {
        using var cli = new CliHarness();
        var docs = Notes(cli);

        var queued = await cli.RunAsync("ingest", docs, "--set", "notes", "--groups", "staff", "--no-wait");

        Assert.Equal(0, queued.ExitCode);
        Assert.Contains("rag documents list --set notes", queued.Output, StringComparison.Ordinal);
        var jobs = await JobsAsync(cli, new IngestJobQuery(BatchId: BatchId(queued.Output)));
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal(IngestJobState.Queued, j.State));

        var waited = await cli.RunAsync("ingest", docs, "--set", "notes", "--groups", "staff");

        Assert.Equal(0, waited.ExitCode);
        Assert.Contains("2 indexed, 0 unchanged, 0 skipped, 0 failed", waited.Output, StringComparison.Ordinal);
        Assert.All(await JobsAsync(cli, new IngestJobQuery(SetName: "notes")), j => Assert.Equal(IngestJobState.Indexed, j.State));
    }

    [Fact]
    public async Task Ingest_NoWaitWithSync_RefusedAndNothingQueued()
    {
        using var cli = new CliHarness();
        var docs = Notes(cli);

        var run = await cli.RunAsync("ingest", docs, "--set", "notes", "--groups", "staff", "--no-wait", "--sync");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot be combined with --no-wait", run.Error, StringComparison.Ordinal);
        Assert.Empty(await JobsAsync(cli, new IngestJobQuery(SetName: "notes")));
    }

    [Fact]
    public async Task Ingest_NoWaitThenWorkerHost_WorkerProcessIndexesTheBatch()
    {
        using var cli = new CliHarness();
        var queued = await cli.RunAsync("ingest", Notes(cli), "--set", "notes", "--groups", "staff", "--no-wait");
        Assert.Equal(0, queued.ExitCode);
        var batch = new IngestJobQuery(BatchId: BatchId(queued.Output));

        await using var services = RagServices.Build(cli.Paths, cli.Configuration);
        var store = services.GetRequiredService<IIngestJobStore>();
        using var worker = WorkerProcess.Start(cli.Paths.DataDirectory, cli.Paths.ModelsDirectory);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<IngestJob> jobs;
        while ((jobs = await store.ListAsync(batch)).Any(j => j.State != IngestJobState.Indexed) && clock.Elapsed < WorkerTimeout)
        {
            await Task.Delay(250);
        }

        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal(IngestJobState.Indexed, j.State));
        Assert.Equal(worker.Id, Assert.Single(await store.LiveWorkersAsync(TimeSpan.FromMinutes(10))).ProcessId);
    }

    [Fact]
    public async Task Ingest_LiveWorkerHost_OnlyWaitsAndTheWorkerDoesTheWork()
    {
        using var cli = new CliHarness();
        var docs = Notes(cli);
        await File.WriteAllTextAsync(Path.Combine(docs, "c.txt"), "The library lends laptops for a week.");

        // Queueing binds the index to the embedding model; a worker started on a database not bound yet cannot write (see the report).
        var first = cli.Folder("first");
        await File.WriteAllTextAsync(Path.Combine(first, "first.txt"), "The first set binds the model.");
        Assert.Equal(0, (await cli.RunAsync("ingest", first, "--set", "first", "--groups", "staff", "--no-wait")).ExitCode);
        using var worker = WorkerProcess.Start(cli.Paths.DataDirectory, cli.Paths.ModelsDirectory);
        await worker.WaitForAsync("on execution provider", WorkerTimeout);

        // The start line is logged just before the worker loop registers; wait for the registration itself.
        var clock = Stopwatch.StartNew();
        while ((await WorkersAsync(cli)).All(w => w.ProcessId != worker.Id))
        {
            Assert.True(clock.Elapsed < WorkerTimeout, $"the worker host did not register:\n{worker.Output}");
            await Task.Delay(100);
        }

        var run = await cli.RunAsync("ingest", docs, "--set", "notes", "--groups", "staff");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}:\n{run.Output}\n{run.Error}\nworker:\n{worker.Output}");
        Assert.Contains($"queued for worker {Environment.MachineName}:{worker.Id}:", run.Output, StringComparison.Ordinal);
        Assert.Contains("3 indexed, 0 unchanged, 0 skipped, 0 failed", run.Output, StringComparison.Ordinal);
        // Workers register at start: had this process run its own, it would be listed beside the worker host.
        Assert.Equal(worker.Id, Assert.Single(await WorkersAsync(cli)).ProcessId);
    }

    [Fact]
    public async Task Ingest_NoWorkerAlive_RunsOneInProcessAndPrintsProgressAndSummary()
    {
        using var cli = new CliHarness();
        var docs = Notes(cli);
        Assert.Equal(0, (await cli.RunAsync("ingest", docs, "--set", "notes", "--groups", "staff")).ExitCode);
        await File.WriteAllTextAsync(Path.Combine(docs, "c.txt"), "The library lends laptops for a week.");

        // The first run's in-process worker sent a heartbeat moments ago, but it has ended: it must not be waited for.
        var clock = Stopwatch.StartNew();
        var run = await cli.RunAsync("ingest", docs, "--set", "notes", "--groups", "staff");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("queued for worker", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 indexed, 2 unchanged, 0 skipped, 0 failed", run.Output, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.All(await WorkersAsync(cli), w => Assert.Equal(Environment.ProcessId, w.ProcessId));
    }

    private static string Notes(CliHarness cli)
    {
        var docs = cli.Folder("notes");
        File.WriteAllText(Path.Combine(docs, "a.txt"), "The cafeteria opens at eight.\n\nLunch is served from noon.");
        File.WriteAllText(Path.Combine(docs, "b.md"), "# Parking\n\nVisitors park on level two.");
        return docs;
    }

    private static string BatchId(string output)
    {
        var match = BatchLine().Match(output);
        Assert.True(match.Success, $"no batch id in:\n{output}");
        return match.Groups[1].Value;
    }

    private static async Task<IReadOnlyList<IngestJob>> JobsAsync(CliHarness cli, IngestJobQuery query)
    {
        await using var services = RagServices.Build(cli.Paths, cli.Configuration);
        return await services.GetRequiredService<IIngestJobStore>().ListAsync(query);
    }

    private static async Task<IReadOnlyList<IngestWorkerInfo>> WorkersAsync(CliHarness cli)
    {
        await using var services = RagServices.Build(cli.Paths, cli.Configuration);
        return await services.GetRequiredService<IIngestJobStore>().LiveWorkersAsync(TimeSpan.FromMinutes(10));
    }

    [GeneratedRegex("batch ([0-9a-f]{32})")]
    private static partial Regex BatchLine();
}

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
        var registered = Assert.Single(await jobs.LiveWorkersAsync(TimeSpan.FromMinutes(1)));
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
        using var worker = WorkerProcess.Start(data.Path, new Dictionary<string, string> { ["Rag__Embedding__ExecutionProvider"] = "Cuda" });

        var exitCode = await worker.WaitForExitAsync(StartTimeout);

        Assert.Equal(1, exitCode);
        Assert.Contains("error: invalid configuration: Rag:Embedding:ExecutionProvider: Cuda cannot be used", worker.Output, StringComparison.Ordinal);
    }
}

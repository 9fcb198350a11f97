using System.Diagnostics;
using Rag.Ingest.Readers;
using Rag.Ingest.Readers.Ocr;
using Rag.Testing;

namespace Rag.Ingest.Tests.Readers.Ocr;

public sealed class ToolProcessTests
{
    [Fact]
    public async Task RunAsync_PastTimeLimit_ProcessKilledAndReadFails()
    {
        using var temp = new TempDirectory();
        var pidFile = temp.Combine("pid");
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<DocumentReadException>(
            () => ToolProcess.RunAsync("sh", ["-c", $"echo $$ > '{pidFile}'; exec sleep 60"], TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Contains("Rag:Ingestion:OcrPageTimeout", ex.Message, StringComparison.Ordinal);
        Assert.False(IsRunning(await File.ReadAllTextAsync(pidFile)), "the tool process survived its time limit");
    }

    [Fact]
    public async Task RunAsync_CallerCancels_ProcessKilledAndCancellationSurfaces()
    {
        using var temp = new TempDirectory();
        var pidFile = temp.Combine("pid");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ToolProcess.RunAsync("sh", ["-c", $"echo $$ > '{pidFile}'; exec sleep 60"], TimeSpan.FromMinutes(5), cancel.Token));

        Assert.False(IsRunning(await File.ReadAllTextAsync(pidFile)), "the tool process survived cancellation");
    }

    [Fact]
    public async Task RunAsync_MissingExecutable_ToolNotFound()
    {
        await Assert.ThrowsAsync<ToolNotFoundException>(
            () => ToolProcess.RunAsync("/nonexistent/rag-test/tool", [], TimeSpan.FromSeconds(5), CancellationToken.None));
    }

    private static bool IsRunning(string pid)
    {
        var stat = $"/proc/{pid.Trim()}/stat";
        // Gone, or a zombie waiting to be reaped, is not running.
        return File.Exists(stat) && File.ReadAllText(stat).Split(") ")[^1].FirstOrDefault() is not 'Z' and not 'X';
    }
}

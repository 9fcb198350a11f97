using System.Diagnostics;
using Rag.Ingest.Readers;
using Rag.Ingest.Tests.Worker;
using Rag.Testing;
using Xunit.Abstractions;

namespace Rag.Ingest.Tests.Sandbox;

// Measures this process's working set while a child parses: run alone, so no other test's allocations count against it
// (it once failed in a full run with other tests of this assembly running beside it).
[Collection(RunsAlone.Name)]
public sealed class DecompressionBombTests(ITestOutputHelper output) : IDisposable
{
    private const long MiB = 1024 * 1024;

    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task ReadAsync_PdfInflatingTo300MiB_FailsCleanlyAndParentBounded()
    {
        var path = _temp.Combine("bomb.pdf");
        DecompressionBombPdf.Write(path, 300 * MiB);
        using var sandboxed = new IsolatedDocumentReader(new DocumentReadLimits(), ParseChildTestHost.Sandbox(memoryLimitBytes: 256 * MiB));
        using var parent = Process.GetCurrentProcess();
        parent.Refresh();
        var baseline = parent.WorkingSet64;
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                parent.Refresh();
                peak = Math.Max(peak, parent.WorkingSet64);
                await Task.Delay(20);
            }
        });

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => sandboxed.ReadAsync(new PdfDocumentReader(), path, TimeSpan.FromSeconds(60)));
        await sampling.CancelAsync();
        await sampler;

        output.WriteLine($"{new FileInfo(path).Length:N0} bytes on disk; {ex.Message}; parent working set {baseline / MiB} MiB -> peak {peak / MiB} MiB");
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        Assert.True(peak - baseline < 100 * MiB, $"parent grew by {(peak - baseline) / MiB} MiB");
    }

    [Fact]
    public async Task ReadAsync_DocumentNeedingMoreThanChildMemory_ChildOutOfMemoryAndNextIsRead()
    {
        // 200 MiB of text: its bytes alone exceed the child's 192 MiB heap cap (3/4 of the 256 MiB limit).
        var path = _temp.Combine("huge.txt");
        using (var file = File.Create(path))
        {
            var line = System.Text.Encoding.ASCII.GetBytes(new string('x', 1023) + "\n");
            for (var i = 0; i < 200 * 1024; i++)
            {
                file.Write(line);
            }
        }

        var normal = _temp.Combine("normal.txt");
        await File.WriteAllTextAsync(normal, "Read after the out-of-memory child was replaced.");
        using var sandboxed = new IsolatedDocumentReader(new DocumentReadLimits(), ParseChildTestHost.Sandbox(memoryLimitBytes: 256 * MiB));

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => sandboxed.ReadAsync(new PlainTextDocumentReader(), path, TimeSpan.FromSeconds(60)));
        var next = await sandboxed.ReadAsync(new PlainTextDocumentReader(), normal);

        Assert.Equal("parser ran out of memory (limit 256 MiB)", ex.Message);
        Assert.Contains("was replaced", next.Text, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}

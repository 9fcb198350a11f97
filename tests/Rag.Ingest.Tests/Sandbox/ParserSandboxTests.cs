using System.Diagnostics;
using Rag.Ingest.Readers;
using Rag.Ingest.Sandbox;
using Rag.Ingest.Tests.Readers;
using Rag.Testing;
using Xunit.Abstractions;

namespace Rag.Ingest.Tests.Sandbox;

public sealed class ParserSandboxTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task ReadAsync_PdfInChild_EqualsInProcessRead()
    {
        var path = Write("two-pages.pdf", PdfTestDocuments.Build("Sandbox Manual", PdfTestDocuments.Page("First page text."), PdfTestDocuments.Page("Second page text.")));
        using var sandboxed = new IsolatedDocumentReader(new DocumentReadLimits(), ParseChildTestHost.Sandbox());

        var inChild = await sandboxed.ReadAsync(new PdfDocumentReader(), path);
        var inProcess = await new IsolatedDocumentReader().ReadAsync(new PdfDocumentReader(), path);

        Assert.True(sandboxed.UsesChildProcesses);
        Assert.Equal(inProcess.Title, inChild.Title);
        Assert.Equal(inProcess.PageCount, inChild.PageCount);
        Assert.Equal(inProcess.Blocks, inChild.Blocks);
    }

    [Fact]
    public async Task ReadAsync_ConfiguredReaderLimits_ApplyInsideTheChild()
    {
        // The child builds its readers from the settings its parent was configured with, not from the defaults.
        var csv = Write("rows.csv", "name,value\na,1\nb,2\nc,3\nd,4\ne,5\n"u8.ToArray());
        var strict = ReaderSettings.Default with { MaxTableRows = 2 };
        using var limited = new IsolatedDocumentReader(new DocumentReadLimits(), ParseChildTestHost.Sandbox(readers: strict));
        using var defaults = new IsolatedDocumentReader(new DocumentReadLimits(), ParseChildTestHost.Sandbox());

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => limited.ReadAsync(strict.CreateRegistry().TryGetReader(csv, out var r) ? r : throw new InvalidOperationException(), csv));
        var read = await defaults.ReadAsync(ReaderSettings.Default.CreateRegistry().TryGetReader(csv, out var d) ? d : throw new InvalidOperationException(), csv);

        Assert.True(limited.UsesChildProcesses);
        Assert.Contains("Rag:Ingestion:MaxTableRows", ex.Message, StringComparison.Ordinal);
        Assert.Contains(read.Blocks, b => b.Text.Contains("value: 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_ChildKilledAtTimeLimit_FailsWithReasonAndNextDocumentIsRead()
    {
        // 400 MiB of blanks: little memory, but seconds of parsing; only the kill ends it at the limit.
        var slow = _temp.Combine("slow.pdf");
        DecompressionBombPdf.Write(slow, 400L * 1024 * 1024, pattern: " ");
        var normal = Write("normal.txt", "A normal document queued behind the hostile one."u8.ToArray());
        using var sandboxed = new IsolatedDocumentReader(new DocumentReadLimits(), ParseChildTestHost.Sandbox());
        await sandboxed.ReadAsync(new PlainTextDocumentReader(), normal); // the child is started and warm
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => sandboxed.ReadAsync(new PdfDocumentReader(), slow, TimeSpan.FromSeconds(1)));
        var elapsed = clock.Elapsed;
        var next = await sandboxed.ReadAsync(new PlainTextDocumentReader(), normal);

        output.WriteLine($"{ex.Message} after {elapsed}");
        Assert.Equal("parser exceeded 1 s", ex.Message);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"took {elapsed}");
        Assert.Contains("normal document", next.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_StackOverflowInChild_FailsAsCrashAndParentLives()
    {
        // 871 bytes from the pdf.js test suite; PdfPig's cross-reference parser recurses until the stack overflows (even
        // the 256 MiB one), and the runtime aborts the child, not this process.
        var hostile = RepoPaths.SharedPath("data", "pdfjs-test-pdfs", "REDHAT-1531897-0.pdf");
        var normal = Write("normal.txt", "Still alive."u8.ToArray());
        using var sandboxed = new IsolatedDocumentReader(new DocumentReadLimits(), ParseChildTestHost.Sandbox());

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => sandboxed.ReadAsync(new PdfDocumentReader(), hostile, TimeSpan.FromSeconds(60)));
        var next = await sandboxed.ReadAsync(new PlainTextDocumentReader(), normal);

        output.WriteLine(ex.Message);
        Assert.StartsWith("parser crashed: stack overflow (exit code ", ex.Message, StringComparison.Ordinal);
        Assert.Equal("Still alive.", next.Text);
    }

    public void Dispose() => _temp.Dispose();

    private string Write(string name, byte[] bytes)
    {
        var path = _temp.Combine(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}

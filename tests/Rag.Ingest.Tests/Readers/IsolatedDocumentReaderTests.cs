using System.Diagnostics;
using System.Globalization;
using Rag.Ingest.Readers;

namespace Rag.Ingest.Tests.Readers;

public sealed class IsolatedDocumentReaderTests
{
    private static readonly TimeSpan ShortLimit = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task ReadAsync_ReaderHangs_FailsWithTimedOutWithinLimit()
    {
        using var hanging = new HangingReaderFake();
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReadAsync(hanging, [1, 2, 3], ShortLimit));

        Assert.Contains("timed out after 0.3 s", ex.Message, StringComparison.Ordinal);
        Assert.True(hanging.Entered.IsSet);
        Assert.InRange(clock.Elapsed, ShortLimit, ShortLimit + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ReadAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var hanging = new HangingReaderFake();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAsync(hanging, [1], TimeSpan.FromMinutes(5), cancellationToken: cts.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
    }

    [Theory]
    [InlineData("index", typeof(IndexOutOfRangeException))]
    [InlineData("null-reference", typeof(NullReferenceException))]
    [InlineData("invalid-operation", typeof(InvalidOperationException))]
    [InlineData("stack", typeof(InsufficientExecutionStackException))]
    public async Task ReadAsync_ReaderThrows_FailsWithDocumentReadException(string kind, Type expected)
    {
        // The runtime's own exceptions are provoked, not constructed, as a parser would hit them.
        Func<byte[], Rag.Core.Documents.ParsedDocument> failure = kind switch
        {
            "index" => bytes => ReaderFake.Document(Array.Empty<string>()[bytes.Length]),
            "null-reference" => bytes => ReaderFake.Document((bytes.Length > 0 ? null : "x")!.Trim()),
            "invalid-operation" => bytes => ReaderFake.Document(bytes.Where(_ => false).First().ToString(CultureInfo.InvariantCulture)),
            _ => _ => throw new InsufficientExecutionStackException("too deep"),
        };
        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReadAsync(new ReaderFake(failure), [1]));

        Assert.Contains(expected.Name, ex.Message, StringComparison.Ordinal);
        Assert.IsType(expected, ex.InnerException);
    }

    [Fact]
    public async Task ReadAsync_ReaderThrowsDocumentReadException_KeepsItsReason()
    {
        var fake = ReaderFake.Throwing(new DocumentReadException("PDF is encrypted with a password"));

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReadAsync(fake, [1]));

        Assert.Equal("PDF is encrypted with a password", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_FileOverLimit_FailsWithoutCallingReader()
    {
        var fake = new ReaderFake(_ => ReaderFake.Document("never"));
        var runner = new IsolatedDocumentReader(new DocumentReadLimits { MaxFileSizeBytes = 1024 });

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReadAsync(fake, new byte[1025], runner: runner));

        Assert.Contains("larger than the limit", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, fake.Calls);
    }

    [Fact]
    public async Task ReadAsync_NonSeekableStreamOverLimit_Fails()
    {
        var runner = new IsolatedDocumentReader(new DocumentReadLimits { MaxFileSizeBytes = 1024 });
        await using var stream = new NonSeekableStream(new byte[4096]);

        var ex = await Assert.ThrowsAsync<DocumentReadException>(
            () => runner.ReadAsync(new ReaderFake(_ => ReaderFake.Document("never")), stream, "big.fake", TimeSpan.FromSeconds(10)));

        Assert.Contains("larger than the limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_FileAtLimit_IsRead()
    {
        var fake = new ReaderFake(bytes => ReaderFake.Document(bytes.Length.ToString(CultureInfo.InvariantCulture)));
        var runner = new IsolatedDocumentReader(new DocumentReadLimits { MaxFileSizeBytes = 1024 });

        var parsed = await ReadAsync(fake, new byte[1024], runner: runner);

        Assert.Equal("1024", parsed.Blocks[0].Text);
    }

    [Fact]
    public async Task ReadAsync_Success_RunsOnDedicatedBackgroundThread()
    {
        var fake = new ReaderFake(_ => ReaderFake.Document("ok"));
        var parsed = await ReadAsync(fake, [1]);

        Assert.Equal("ok", parsed.Blocks[0].Text);
        var thread = Assert.NotNull(fake.RanOn);
        Assert.True(thread.IsBackground);
        Assert.False(thread.IsThreadPoolThread);
        Assert.NotEqual(Environment.CurrentManagedThreadId, thread.ManagedThreadId);
    }

    [Fact]
    public async Task ReadAsync_DeepRecursion_HasTheLargeStack()
    {
        var runner = new IsolatedDocumentReader(new DocumentReadLimits { StackSizeBytes = 64 * 1024 * 1024 });

        var parsed = await ReadAsync(ReaderFake.StackProbe(), [1], runner: runner);

        // A default 1.5 MiB thread-pool stack runs out after a few tens of thousands of these frames.
        Assert.True(int.Parse(parsed.Blocks[0].Text, CultureInfo.InvariantCulture) > 200_000, parsed.Blocks[0].Text);
    }

    [Fact]
    public async Task ReadAsync_MissingPath_FailsWithDocumentReadException()
    {
        var runner = new IsolatedDocumentReader();

        var ex = await Assert.ThrowsAsync<DocumentReadException>(
            () => runner.ReadAsync(new PlainTextDocumentReader(), Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".txt")));

        Assert.StartsWith("file cannot be opened", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ExistingPath_ReturnsInnerResult()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".txt");
        await File.WriteAllTextAsync(path, "Office opens at eight.\n\nLunch is at noon.");
        try
        {
            var runner = new IsolatedDocumentReader();

            var parsed = await runner.ReadAsync(new PlainTextDocumentReader(), path);

            Assert.Equal(["Office opens at eight.", "Lunch is at noon."], parsed.Blocks.Select(b => b.Text));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Ctor_NonPositiveTimeLimit_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new IsolatedDocumentReader(new DocumentReadLimits { TimeLimit = TimeSpan.Zero }));

        Assert.Equal("TimeLimit", ex.ParamName);
    }

    [Fact]
    public async Task ReadAsync_NonPositiveTimeLimitArgument_Throws()
    {
        using var stream = new MemoryStream([1]);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => new IsolatedDocumentReader().ReadAsync(new PlainTextDocumentReader(), stream, "a.txt", TimeSpan.Zero));
    }

    private static async Task<Rag.Core.Documents.ParsedDocument> ReadAsync(
        IDocumentReader reader, byte[] bytes, TimeSpan? timeLimit = null, IsolatedDocumentReader? runner = null, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return await (runner ?? new IsolatedDocumentReader()).ReadAsync(reader, stream, "file.fake", timeLimit ?? TimeSpan.FromSeconds(30), cancellationToken);
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}

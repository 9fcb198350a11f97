using System.Globalization;
using Rag.Core.Documents;
using Rag.Ingest.Sandbox;

namespace Rag.Ingest.Readers;

/// <summary>
/// Runs a reader under <see cref="DocumentReadLimits"/>. With a <see cref="ParserSandbox"/>, a file is parsed in a
/// child process that is killed past the wall-clock or memory limit (a hang, stack overflow or out-of-memory costs only
/// the child). Without one, or for a reader the child does not have, the file is read into memory (size-capped) and
/// parsed on a dedicated background thread with a large stack and a wall-clock limit. Whatever goes wrong ends as a
/// <see cref="DocumentReadException"/> with a readable reason; only the caller's own cancellation surfaces as
/// <see cref="OperationCanceledException"/>. Thread-safe: one instance can serve the whole process.
/// </summary>
/// <remarks>
/// The thread mode is not process isolation: a parser stuck in a loop is abandoned (its background thread keeps
/// running, and keeps its memory, until it ends or the process exits), and a real stack overflow or out-of-memory
/// takes the process down. It is what the parser child itself runs, and the fallback for hosts that cannot start one.
/// The reader should parse synchronously inside <c>ReadAsync</c> (all readers in this folder do) so the work stays on
/// the big-stack thread.
/// </remarks>
public sealed class IsolatedDocumentReader : IDisposable
{
    private const int CopyBufferSize = 81920;

    private readonly DocumentReadLimits _limits;
    private readonly ParserSandbox? _sandbox;

    /// <summary>Creates a runner with the default <see cref="DocumentReadLimits"/>.</summary>
    public IsolatedDocumentReader()
        : this(new DocumentReadLimits())
    {
    }

    /// <summary>Creates a runner with <paramref name="limits"/> (validated here); files are parsed in <paramref name="sandbox"/>'s children when given, which this runner then owns.</summary>
    public IsolatedDocumentReader(DocumentReadLimits limits, ParserSandbox? sandbox = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        _limits = limits;
        _sandbox = sandbox;
    }

    /// <summary>True when files are parsed in child processes.</summary>
    public bool UsesChildProcesses => _sandbox is not null;

    /// <summary>Reads the file at <paramref name="path"/> with <paramref name="reader"/> within <see cref="DocumentReadLimits.TimeLimit"/>.</summary>
    public Task<ParsedDocument> ReadAsync(IDocumentReader reader, string path, CancellationToken cancellationToken = default) =>
        ReadAsync(reader, path, null, _limits.TimeLimit, cancellationToken);

    /// <summary>Reads the file at <paramref name="path"/> with <paramref name="reader"/> within <paramref name="timeLimit"/>.</summary>
    public Task<ParsedDocument> ReadAsync(IDocumentReader reader, string path, TimeSpan timeLimit, CancellationToken cancellationToken = default) =>
        ReadAsync(reader, path, null, timeLimit, cancellationToken);

    /// <summary>
    /// Reads the file at <paramref name="path"/> with <paramref name="reader"/> within <paramref name="timeLimit"/>;
    /// <paramref name="password"/> opens an encrypted PDF (never logged).
    /// </summary>
    public async Task<ParsedDocument> ReadAsync(IDocumentReader reader, string path, string? password, TimeSpan timeLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckTimeLimit(timeLimit);
        if (_sandbox is not null && _sandbox.CanParse(reader, path))
        {
            CheckFileSize(path);
            return CheckParsed(await _sandbox.ParseAsync(reader, path, password, _limits, timeLimit, cancellationToken));
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferSize, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DocumentReadException("file cannot be opened: " + ex.Message, ex);
        }

        await using (stream)
        {
            return await ReadAsync(WithPassword(reader, password), stream, Path.GetFileName(path), timeLimit, cancellationToken);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _sandbox?.Dispose();

    /// <summary>Reads <paramref name="content"/> (copied into memory first, size-capped) with <paramref name="reader"/> within <paramref name="timeLimit"/>.</summary>
    public async Task<ParsedDocument> ReadAsync(IDocumentReader reader, Stream content, string fileName, TimeSpan timeLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(content);
        CheckTimeLimit(timeLimit);
        var bytes = await ReadBoundedAsync(content, cancellationToken);
        return CheckParsed(await RunOnReaderThreadAsync(reader, bytes, fileName, timeLimit, cancellationToken));
    }

    private static IDocumentReader WithPassword(IDocumentReader reader, string? password) =>
        password is not null && reader is PdfDocumentReader pdf ? pdf.WithPassword(password) : reader;

    private static void CheckTimeLimit(TimeSpan timeLimit)
    {
        if (timeLimit <= TimeSpan.Zero || timeLimit.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(timeLimit), timeLimit, "The time limit must be positive and at most 24 days.");
        }
    }

    private void CheckFileSize(string path)
    {
        long length;
        try
        {
            length = new FileInfo(path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DocumentReadException("file cannot be opened: " + ex.Message, ex);
        }

        if (length > _limits.MaxFileSizeBytes)
        {
            throw TooLarge(length);
        }
    }

    // The page and character limits apply whichever way the document was parsed.
    private ParsedDocument CheckParsed(ParsedDocument document)
    {
        if (document.PageCount > _limits.MaxPages)
        {
            throw new DocumentReadException($"document has {document.PageCount:N0} pages, more than the limit of {_limits.MaxPages:N0} (Rag:Ingestion:MaxPagesPerDocument)");
        }

        var characters = document.Blocks.Sum(b => (long)b.Text.Length);
        if (characters > _limits.MaxCharacters)
        {
            throw new DocumentReadException($"document has {characters:N0} characters of text, more than the limit of {_limits.MaxCharacters:N0} (Rag:Ingestion:MaxExtractedCharacters)");
        }

        return document;
    }

    private async Task<byte[]> ReadBoundedAsync(Stream content, CancellationToken cancellationToken)
    {
        var max = _limits.MaxFileSizeBytes;
        try
        {
            if (content.CanSeek && content.Length - content.Position > max)
            {
                throw TooLarge(content.Length - content.Position);
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[CopyBufferSize];
            int read;
            while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    throw TooLarge(null);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DocumentReadException("file cannot be read: " + ex.Message, ex);
        }
    }

    private async Task<ParsedDocument> RunOnReaderThreadAsync(IDocumentReader reader, byte[] bytes, string fileName, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var outcome = new TaskCompletionSource<ParsedDocument>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Parse(reader, bytes, fileName, timeLimit, outcome, cancellationToken), _limits.StackSizeBytes)
        {
            IsBackground = true, // an abandoned, stuck parser must not keep the process alive
            Name = "document-reader",
        };
        thread.Start();

        using (var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var finished = await Task.WhenAny(outcome.Task, Task.Delay(timeLimit, delay.Token));
            await delay.CancelAsync();
            if (finished != outcome.Task)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw TimedOut(timeLimit);
            }
        }

        try
        {
            return await outcome.Task;
        }
        catch (DocumentReadException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            // The reader honoured the time-limit token just before the deadline check.
            throw TimedOut(timeLimit, ex);
        }
        catch (Exception ex)
        {
            throw new DocumentReadException($"the {reader.MediaType} reader failed: {ex.GetType().Name}: {TextNormalizer.Collapse(ex.Message)}", ex);
        }
    }

    // Runs on the dedicated thread; every outcome, including exceptions, goes to the task.
    private static void Parse(
        IDocumentReader reader, byte[] bytes, string fileName, TimeSpan timeLimit, TaskCompletionSource<ParsedDocument> outcome, CancellationToken cancellationToken)
    {
        var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeLimit);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            outcome.TrySetResult(reader.ReadAsync(stream, fileName, limit.Token).GetAwaiter().GetResult());
        }
        catch (Exception ex)
        {
            outcome.TrySetException(ex);
        }
        finally
        {
            limit.Dispose();
        }
    }

    private static DocumentReadException TimedOut(TimeSpan timeLimit, Exception? inner = null)
    {
        var message = $"timed out after {FormatSeconds(timeLimit)} (the parser may be stuck on a malformed file; its thread was abandoned)";
        return inner is null ? new DocumentReadException(message) : new DocumentReadException(message, inner);
    }

    private DocumentReadException TooLarge(long? size) => new(size is { } known
        ? $"file is larger than the limit ({known:N0} bytes > {_limits.MaxFileSizeBytes:N0} bytes)"
        : $"file is larger than the limit ({_limits.MaxFileSizeBytes:N0} bytes)");

    private static string FormatSeconds(TimeSpan span) =>
        span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}

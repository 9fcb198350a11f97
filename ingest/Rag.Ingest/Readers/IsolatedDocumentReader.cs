using System.Globalization;
using Rag.Core.Documents;

namespace Rag.Ingest.Readers;

/// <summary>
/// Runs a reader under <see cref="DocumentReadLimits"/>: the file is read into memory (size-capped), then parsed on a
/// dedicated background thread with a large stack and a wall-clock limit. Whatever goes wrong ends as a
/// <see cref="DocumentReadException"/> with a readable reason; only the caller's own cancellation surfaces as
/// <see cref="OperationCanceledException"/>. Stateless and thread-safe: one instance can serve the whole process.
/// </summary>
/// <remarks>
/// This is thread isolation, not process isolation: a parser stuck in a loop is abandoned (its background thread keeps
/// running, and keeps its memory, until it ends or the process exits), and a real stack overflow or out-of-memory still
/// takes the process down. Running parsers in a separate process is planned in a later issue. The reader should parse
/// synchronously inside <c>ReadAsync</c> (all readers in this folder do) so the work stays on the big-stack thread.
/// </remarks>
public sealed class IsolatedDocumentReader
{
    private const int CopyBufferSize = 81920;

    private readonly DocumentReadLimits _limits;

    /// <summary>Creates a runner with the default <see cref="DocumentReadLimits"/>.</summary>
    public IsolatedDocumentReader()
        : this(new DocumentReadLimits())
    {
    }

    /// <summary>Creates a runner with <paramref name="limits"/> (validated here).</summary>
    public IsolatedDocumentReader(DocumentReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        _limits = limits;
    }

    /// <summary>Reads the file at <paramref name="path"/> with <paramref name="reader"/> within <see cref="DocumentReadLimits.TimeLimit"/>.</summary>
    public Task<ParsedDocument> ReadAsync(IDocumentReader reader, string path, CancellationToken cancellationToken = default) =>
        ReadAsync(reader, path, _limits.TimeLimit, cancellationToken);

    /// <summary>Reads the file at <paramref name="path"/> with <paramref name="reader"/> within <paramref name="timeLimit"/>.</summary>
    public async Task<ParsedDocument> ReadAsync(IDocumentReader reader, string path, TimeSpan timeLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(path);
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
            return await ReadAsync(reader, stream, Path.GetFileName(path), timeLimit, cancellationToken);
        }
    }

    /// <summary>Reads <paramref name="content"/> (copied into memory first, size-capped) with <paramref name="reader"/> within <paramref name="timeLimit"/>.</summary>
    public async Task<ParsedDocument> ReadAsync(IDocumentReader reader, Stream content, string fileName, TimeSpan timeLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(content);
        if (timeLimit <= TimeSpan.Zero || timeLimit.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(timeLimit), timeLimit, "The time limit must be positive and at most 24 days.");
        }

        var bytes = await ReadBoundedAsync(content, cancellationToken);
        return await RunOnReaderThreadAsync(reader, bytes, fileName, timeLimit, cancellationToken);
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

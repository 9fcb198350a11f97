using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rag.Core.Documents;
using Rag.Ingest.Readers;

namespace Rag.Ingest.Sandbox;

/// <summary>
/// A small pool of long-lived parser children (<see cref="ParseChild"/>): a document is parsed in a child, and a hang,
/// stack overflow or out-of-memory kills only that child; the document fails with the reason and the next one gets a
/// fresh child. At most <see cref="ParserSandboxOptions.PoolSize"/> parses run at once. Thread-safe.
/// </summary>
public sealed partial class ParserSandbox : IDisposable
{
    private readonly ParseHostCommand _command;
    private readonly ParserSandboxOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentBag<ParserChildProcess> _idle = [];
    private readonly SemaphoreSlim _slots;
    private readonly ReaderSettings _readers;
    private readonly DocumentReaderRegistry _childReaders;
    private volatile bool _disposed;

    /// <summary>Creates a sandbox that starts <paramref name="command"/> for its children, whose readers are configured by <paramref name="readers"/> (null: defaults).</summary>
    public ParserSandbox(ParseHostCommand command, ParserSandboxOptions options, ILogger<ParserSandbox>? logger = null, ReaderSettings? readers = null)
    {
        _readers = readers ?? ReaderSettings.Default;
        _childReaders = _readers.CreateRegistry();
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(options);
        _command = command;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _slots = new SemaphoreSlim(options.PoolSize, options.PoolSize);
    }

    /// <summary>The sandbox <paramref name="options"/> ask for, or null when disabled or no host can be started (parsing then stays in-process).</summary>
    public static ParserSandbox? TryCreate(ParserSandboxOptions options, ILogger<ParserSandbox>? logger = null, ReaderSettings? readers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Enabled && ParseHostCommand.Resolve(options.HostPath) is { } command ? new ParserSandbox(command, options, logger, readers) : null;
    }

    /// <summary>True when a child parses <paramref name="path"/> with the same reader type as <paramref name="reader"/>.</summary>
    public bool CanParse(IDocumentReader reader, string path)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return _childReaders.TryGetReader(path, out var childReader) && childReader.GetType() == reader.GetType();
    }

    /// <summary>Parses <paramref name="path"/> in a child within <paramref name="timeLimit"/>; failures end as <see cref="DocumentReadException"/>.</summary>
    public async Task<ParsedDocument> ParseAsync(
        IDocumentReader reader, string path, string? password, DocumentReadLimits limits, TimeSpan timeLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(limits);
        ObjectDisposedException.ThrowIf(_disposed, this);

        // The child's own thread limit is a backstop only: the parent's deadline kills the child first.
        var childLimits = limits with { TimeLimit = timeLimit * 2 + TimeSpan.FromSeconds(5) };
        var request = new ParseRequest(Path.GetFullPath(path), reader.GetType().FullName!, password, childLimits, _readers);
        var maxResponseBytes = (limits.MaxCharacters * 8) + (16L * 1024 * 1024);

        await _slots.WaitAsync(cancellationToken);
        ParserChildProcess? child = null;
        try
        {
            child = TakeIdle() ?? await StartChildAsync(cancellationToken);
            var response = await child.ParseAsync(request, timeLimit, maxResponseBytes, cancellationToken);
            if (response.Error is { } error)
            {
                throw new DocumentReadException(error == ParseChild.OutOfMemory ? child.OutOfMemoryReason() : error);
            }

            return new ParsedDocument(response.Title, response.Blocks ?? [], response.PageCount);
        }
        catch (DocumentReadException ex) when (child is { Usable: false })
        {
            LogChildReplaced(_logger, child.ProcessId, ex.Message);
            throw;
        }
        finally
        {
            if (child is { Usable: true } && !_disposed)
            {
                _idle.Add(child);
            }
            else
            {
                child?.Dispose();
            }

            _slots.Release();
        }
    }

    /// <summary>Ends every idle child.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var child))
        {
            child.Dispose();
        }
    }

    private ParserChildProcess? TakeIdle()
    {
        while (_idle.TryTake(out var child))
        {
            if (child.Usable)
            {
                return child;
            }

            child.Dispose();
        }

        return null;
    }

    private async Task<ParserChildProcess> StartChildAsync(CancellationToken cancellationToken)
    {
        var child = await ParserChildProcess.StartAsync(_command, _options.MemoryLimitBytes, cancellationToken);
        LogChildStarted(_logger, child.ProcessId);
        return child;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Parser child {ProcessId} started")]
    private static partial void LogChildStarted(ILogger logger, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Parser child {ProcessId} ended and will be replaced: {Reason}")]
    private static partial void LogChildReplaced(ILogger logger, int processId, string reason);
}

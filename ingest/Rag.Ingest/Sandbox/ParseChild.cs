using Rag.Ingest.Readers;

namespace Rag.Ingest.Sandbox;

/// <summary>
/// The parse mode of a host: a host's <c>Main</c> calls <see cref="RunIfRequestedAsync"/> first; started with
/// <see cref="Argument"/>, the process reads <see cref="ParseRequest"/> frames from stdin and answers each with a
/// <see cref="ParseResponse"/> on stdout until stdin closes. Stdout carries the protocol only: anything written to
/// <see cref="Console.Out"/> goes to stderr.
/// </summary>
public static class ParseChild
{
    /// <summary>The command-line argument that starts the parse mode.</summary>
    public const string Argument = "--parse-child";

    /// <summary>The reason a child sends when it ran out of managed memory; the parent states its limit.</summary>
    internal const string OutOfMemory = "out of memory";

    private const long MaxRequestBytes = 1024 * 1024;

    private static volatile bool _hostSupportsParseMode;

    /// <summary>True once this process's <c>Main</c> called <see cref="RunIfRequestedAsync"/>: it can be started as a parser child.</summary>
    public static bool HostSupportsParseMode => _hostSupportsParseMode;

    /// <summary>
    /// Runs the parse mode when <paramref name="args"/> is exactly <see cref="Argument"/> and returns the exit code;
    /// otherwise returns null (the host goes on) and records that this host can serve as a parser child.
    /// </summary>
    public static async Task<int?> RunIfRequestedAsync(string[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        _hostSupportsParseMode = true;
        if (args is not [Argument])
        {
            return null;
        }

        var protocolOut = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);
        await using var input = Console.OpenStandardInput();
        await using (protocolOut)
        {
            return await RunAsync(input, protocolOut, cancellationToken);
        }
    }

    /// <summary>Serves requests from <paramref name="input"/> until it ends; 0 on a clean end.</summary>
    internal static async Task<int> RunAsync(Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        // One registry per reader configuration a parent sends (in practice one), built on first use.
        var registries = new Dictionary<ReaderSettings, DocumentReaderRegistry>();
        await ParseProtocol.WriteAsync(output, new ParseReady(Environment.ProcessId), cancellationToken);
        while (true)
        {
            var request = await ParseProtocol.ReadAsync<ParseRequest>(input, MaxRequestBytes, cancellationToken);
            if (request is null)
            {
                return 0;
            }

            var settings = request.Readers ?? ReaderSettings.Default;
            if (!registries.TryGetValue(settings, out var registry))
            {
                registry = settings.CreateRegistry();
                registries[settings] = registry;
            }

            var response = await ParseOneAsync(registry, request, cancellationToken);
            await ParseProtocol.WriteAsync(output, response, cancellationToken);
            if (response.Recycle)
            {
                return 0;
            }
        }
    }

    private static async Task<ParseResponse> ParseOneAsync(DocumentReaderRegistry registry, ParseRequest request, CancellationToken cancellationToken)
    {
        if (!registry.TryGetReader(request.Path, out var reader) || reader.GetType().FullName != request.ReaderType)
        {
            return ParseResponse.Failed($"the parser process has no {request.ReaderType} for '{Path.GetExtension(request.Path)}' files");
        }

        try
        {
            using var isolated = new IsolatedDocumentReader(request.Limits);
            var document = await isolated.ReadAsync(reader, request.Path, request.Password, request.Limits.TimeLimit, cancellationToken);
            return ParseResponse.Read(document);
        }
        catch (DocumentReadException ex) when (ex.InnerException is OutOfMemoryException)
        {
            return ParseResponse.Failed(OutOfMemory, recycle: true);
        }
        catch (DocumentReadException ex)
        {
            // A timed-out parser thread may still be running here: the next document gets a fresh process.
            return ParseResponse.Failed(ex.Message, recycle: ex.Message.StartsWith("timed out", StringComparison.Ordinal));
        }
        catch (OutOfMemoryException)
        {
            return ParseResponse.Failed(OutOfMemory, recycle: true);
        }
    }
}

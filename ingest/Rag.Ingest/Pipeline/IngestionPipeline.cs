using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Ids;
using Rag.Core.Storage;
using Rag.Core.Text;
using Rag.Ingest.Chunking;
using Rag.Ingest.Readers;

namespace Rag.Ingest.Pipeline;

/// <summary>
/// read → chunk → embed → write, as three concurrent stages joined by bounded channels, so parsing the next
/// file overlaps embedding the current one. One <see cref="IngestionResult"/> per file, failures included;
/// a failed file never removes what was indexed before.
/// </summary>
public sealed partial class IngestionPipeline
{
    private const int ContentBufferSize = 81920;
    private readonly DocumentReaderRegistry _readers;
    private readonly IsolatedDocumentReader _isolatedReader;
    private readonly StructureAwareChunker _chunker;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly EmbeddingModelInfo _model;
    private readonly IDocumentIndex _index;
    private readonly IAuditLog _audit;
    private readonly IngestionOptions _options;
    private readonly ILogger<IngestionPipeline> _logger;

    /// <summary>Creates the pipeline.</summary>
    public IngestionPipeline(
        DocumentReaderRegistry readers,
        IsolatedDocumentReader isolatedReader,
        StructureAwareChunker chunker,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        EmbeddingModelInfo model,
        IDocumentIndex index,
        IAuditLog audit,
        IOptions<IngestionOptions> options,
        ILogger<IngestionPipeline> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _readers = readers;
        _isolatedReader = isolatedReader;
        _chunker = chunker;
        _embedder = embedder;
        _model = model;
        _index = index;
        _audit = audit;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Ingests the request's files; yields one result per file as it completes.</summary>
    public async IAsyncEnumerable<IngestionResult> IngestAsync(
        IngestionRequest request,
        IProgress<IngestionProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.SetName))
        {
            throw new ArgumentException("A document set name is required.", nameof(request));
        }

        // Checked before anything is written: a bad name or two files that would share a document id change nothing.
        var setName = NameKey.Normalize(request.SetName, "document set");
        var listing = FileEnumerator.Expand(request.Paths);
        var files = DocumentIdCollisions.ThrowIfAny(setName, listing.Files);
        request = request with { SetName = setName };
        await _index.EnsureModelAsync(_model, cancellationToken);
        await PrepareSetAsync(request, cancellationToken);
        var clock = Stopwatch.StartNew();

        var parsed = Channel.CreateBounded<ParsedFile>(_options.ReadAhead);
        var embedded = Channel.CreateBounded<ParsedFile>(_options.ReadAhead);
        var results = Channel.CreateUnbounded<IngestionResult>();
        foreach (var entry in listing.Skipped)
        {
            results.Writer.TryWrite(new IngestionResult(entry.Path, null, IngestionStatus.Skipped, 0, 0, entry.Reason, TimeSpan.Zero));
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = linked.Token;

        var stages = Task.WhenAll(
            RunStage(() => ReadStageAsync(request, files, parsed.Writer, results.Writer, token), parsed.Writer),
            RunStage(() => EmbedStageAsync(parsed.Reader, embedded.Writer, token), embedded.Writer),
            RunStage(() => WriteStageAsync(request, embedded.Reader, results.Writer, token), null));
        _ = stages.ContinueWith(t => results.Writer.TryComplete(t.Exception?.GetBaseException()), TaskScheduler.Default);

        int done = 0, pages = 0, chunks = 0;
        await foreach (var result in results.Reader.ReadAllAsync(cancellationToken))
        {
            done++;
            pages += result.Pages;
            chunks += result.Status == IngestionStatus.Indexed ? result.Chunks : 0;
            progress?.Report(new IngestionProgress(done, files.Count + listing.Skipped.Count, pages, chunks, clock.Elapsed));
            yield return result;
        }

        await stages;
    }

    private static Task RunStage(Func<Task> stage, ChannelWriter<ParsedFile>? output) =>
        Task.Run(async () =>
        {
            try
            {
                await stage();
                output?.TryComplete();
            }
            catch (Exception ex)
            {
                output?.TryComplete(ex);
                throw;
            }
        });

    private async Task PrepareSetAsync(IngestionRequest request, CancellationToken cancellationToken)
    {
        if (request.Groups is { } groups)
        {
            var set = new DocumentSet(
                request.SetName,
                groups.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => NameKey.Normalize(g, "group")).Distinct(NameKey.Comparer).ToList());
            var existing = await _index.GetDocumentSetAsync(set.Name, cancellationToken);
            if (existing is null || !existing.Groups.ToHashSet(NameKey.Comparer).SetEquals(set.Groups))
            {
                // Recorded before it takes effect: if the record cannot be written, the readers do not change.
                var detail = JsonSerializer.Serialize(new { groups = set.Groups, previousGroups = existing?.Groups });
                await _audit.AppendAsync(
                    new AuditEvent(existing is null ? AuditActions.DocumentSetCreated : AuditActions.DocumentSetChanged, AuditActor.FromId(request.Actor), [existing?.Name ?? set.Name], AuditOutcomes.Ok) { Detail = detail },
                    cancellationToken);
                await _index.UpsertDocumentSetAsync(set, cancellationToken);
            }
        }
        else if (await _index.GetDocumentSetAsync(request.SetName, cancellationToken) is null)
        {
            throw new InvalidOperationException($"Document set '{request.SetName}' does not exist. Create it by naming the groups that may read it (--groups g1,g2).");
        }
    }

    private async Task ReadStageAsync(
        IngestionRequest request,
        IReadOnlyList<ListedFile> files,
        ChannelWriter<ParsedFile> output,
        ChannelWriter<IngestionResult> results,
        CancellationToken cancellationToken)
    {
        foreach (var (fullPath, relativePath, listed) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var documentId = DocumentIds.For(request.SetName, relativePath);
            var telemetry = DocumentTelemetry.Start(documentId, request.SetName);
            if (!_readers.TryGetReader(fullPath, out var reader))
            {
                var extension = Path.GetExtension(fullPath);
                telemetry.Complete("skipped");
                await results.WriteAsync(new IngestionResult(fullPath, null, IngestionStatus.Skipped, 0, 0, $"unsupported file type '{(extension.Length == 0 ? "(none)" : extension)}'", clock.Elapsed), cancellationToken);
                continue;
            }

            try
            {
                // One handle for the hash and the read, opened without waiting on a pipe and checked to be the regular
                // file listed: a file swapped for a FIFO, a device or a link since the listing fails instead of hanging.
                await using var content = FileSystemNative.OpenListedRegularFile(fullPath, listed, ContentBufferSize);
                var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
                var existing = await _index.GetDocumentAsync(documentId, cancellationToken);
                if (existing is not null && existing.ContentHash == hash)
                {
                    telemetry.Complete("unchanged");
                    await results.WriteAsync(new IngestionResult(fullPath, documentId, IngestionStatus.Unchanged, 0, 0, null, clock.Elapsed), cancellationToken);
                    continue;
                }

                ParsedDocument document;
                using (telemetry.Step("ingest.parse"))
                {
                    document = await _isolatedReader.ReadAsync(reader, fullPath, _options.PdfPasswordFor(request.SetName), _options.PerFileTimeout, cancellationToken);
                }

                IReadOnlyList<Chunk> chunks;
                using (telemetry.Step("ingest.chunk"))
                {
                    chunks = _chunker.Chunk(document, documentId, request.SetName, hash);
                }

                if (chunks.Count == 0)
                {
                    throw new DocumentReadException("no text found in the document");
                }

                if (chunks.Count > _options.MaxChunksPerDocument)
                {
                    throw new DocumentReadException($"document has {chunks.Count:N0} chunks, more than the limit of {_options.MaxChunksPerDocument:N0} (Rag:Ingestion:MaxChunksPerDocument)");
                }

                var source = IngestedDocuments.Describe(documentId, request.SetName, fullPath, relativePath, hash, reader.MediaType, document);
                await output.WriteAsync(new ParsedFile(fullPath, source, chunks, clock, telemetry), cancellationToken);
            }
            catch (Exception ex) when (ex is DocumentReadException or IOException or UnauthorizedAccessException)
            {
                telemetry.Complete("failed");
                await FailAsync(request, fullPath, documentId, ex.Message, clock, results, cancellationToken);
            }
        }
    }

    private async Task EmbedStageAsync(ChannelReader<ParsedFile> input, ChannelWriter<ParsedFile> output, CancellationToken cancellationToken)
    {
        await foreach (var file in input.ReadAllAsync(cancellationToken))
        {
            var vectors = new List<ReadOnlyMemory<float>>(file.Chunks.Count);
            using var step = file.Telemetry.Step("ingest.embed");
            foreach (var batch in file.Chunks.Chunk(_options.EmbeddingBatchSize))
            {
                var embeddings = await _embedder.GenerateAsync(batch.Select(c => _chunker.EmbeddingInput(c, file.Document.Title)), cancellationToken: cancellationToken);
                vectors.AddRange(embeddings.Select(e => e.Vector));
            }

            file.Vectors = vectors;
            await output.WriteAsync(file, cancellationToken);
        }
    }

    private async Task WriteStageAsync(IngestionRequest request, ChannelReader<ParsedFile> input, ChannelWriter<IngestionResult> results, CancellationToken cancellationToken)
    {
        await foreach (var file in input.ReadAllAsync(cancellationToken))
        {
            var step = file.Telemetry.Step("ingest.write");
            var embedded = file.Chunks.Select((c, i) => new EmbeddedChunk(c, file.Vectors![i])).ToList();
            // Recorded before the document becomes searchable: no document is served without its record.
            await _audit.AppendAsync(
                IngestedDocuments.Indexed(file.Document, embedded.Count, request.Actor, _model.ModelId, _embedder.GetService<ModelVersion>()?.Value), cancellationToken);
            await _index.ReplaceDocumentAsync(file.Document, embedded, cancellationToken);
            step?.Dispose();
            file.Telemetry.Complete("indexed");
            LogIndexed(file.FullPath, embedded.Count);
            await results.WriteAsync(new IngestionResult(file.FullPath, file.Document.DocumentId, IngestionStatus.Indexed, file.Document.PageCount, embedded.Count, null, file.Clock.Elapsed), cancellationToken);
        }
    }

    private async Task FailAsync(IngestionRequest request, string path, string documentId, string reason, Stopwatch clock, ChannelWriter<IngestionResult> results, CancellationToken cancellationToken)
    {
        LogFailed(path, reason);
        await _audit.AppendAsync(
            new AuditEvent(AuditActions.DocumentFailed, AuditActor.FromId(request.Actor), [documentId, request.SetName], AuditOutcomes.Failed) { Detail = JsonSerializer.Serialize(new { path, reason }) },
            cancellationToken);
        await results.WriteAsync(new IngestionResult(path, documentId, IngestionStatus.Failed, 0, 0, reason, clock.Elapsed), cancellationToken);
    }

    // File names and reasons quoting them are the files' authors' text: logged with control characters escaped, so a
    // log read in a terminal cannot have its title or colours set by a file name.
    private void LogIndexed(string path, int chunkCount)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var shown = TerminalText.Escape(path);
            LogIndexedEscaped(_logger, shown, chunkCount);
        }
    }

    private void LogFailed(string path, string reason)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            LogFailedEscaped(_logger, TerminalText.Escape(path), TerminalText.Escape(reason));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Indexed {Path} ({ChunkCount} chunks)")]
    private static partial void LogIndexedEscaped(ILogger logger, string path, int chunkCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to ingest {Path}: {Reason}")]
    private static partial void LogFailedEscaped(ILogger logger, string path, string reason);

    private sealed class ParsedFile(string fullPath, SourceDocument document, IReadOnlyList<Chunk> chunks, Stopwatch clock, DocumentTelemetry telemetry)
    {
        public DocumentTelemetry Telemetry { get; } = telemetry;

        public string FullPath { get; } = fullPath;

        public SourceDocument Document { get; } = document;

        public IReadOnlyList<Chunk> Chunks { get; } = chunks;

        public Stopwatch Clock { get; } = clock;

        public List<ReadOnlyMemory<float>>? Vectors { get; set; }
    }
}

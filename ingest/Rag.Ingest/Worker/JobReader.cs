using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Rag.Core.Documents;
using Rag.Core.Storage;
using Rag.Ingest.Chunking;
using Rag.Ingest.Pipeline;
using Rag.Ingest.Readers;

namespace Rag.Ingest.Worker;

/// <summary>
/// The read step of a job: read (in the parser sandbox; readers clean their text) → chunk, with the per-document limits.
/// The file must still be a regular file (never a link, pipe or device) when it is opened; its content hash is taken from
/// the same handle, and a document indexed with that hash ends at once, unchanged, without parsing or embedding.
/// </summary>
public sealed class JobReader(DocumentReaderRegistry readers, IsolatedDocumentReader isolatedReader, StructureAwareChunker chunker, IDocumentIndex index, IOptions<IngestionOptions> options)
{
    private const int ContentBufferSize = 81920;
    private readonly IngestionOptions _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;

    /// <summary>Fills the job's document and chunks and returns null, or returns how the job ended.</summary>
    internal async Task<JobEnd?> ReadAsync(HeldJob held, CancellationToken cancellationToken)
    {
        var request = held.Job.Request;
        var fullPath = request.FullPath;
        if (!readers.TryGetReader(fullPath, out var reader))
        {
            var extension = Path.GetExtension(fullPath);
            return new JobEnd(IngestionStatus.Skipped, $"unsupported file type '{(extension.Length == 0 ? "(none)" : extension)}'");
        }

        try
        {
            var status = FileSystemNative.Lstat(fullPath);
            if (status.Kind != FileEntryKind.RegularFile)
            {
                throw new IOException($"not a regular file ({status.Describe()})");
            }

            // One handle for the hash and the identity check, opened without waiting on a pipe: a file swapped for a
            // FIFO, a device or a link since it was queued fails instead of hanging.
            await using (var content = FileSystemNative.OpenListedRegularFile(fullPath, status, ContentBufferSize))
            {
                held.ContentHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
            }

            var existing = await index.GetDocumentAsync(held.Job.DocumentId, cancellationToken);
            if (existing is not null && existing.ContentHash == held.ContentHash)
            {
                return new JobEnd(IngestionStatus.Unchanged, null, Pages: existing.PageCount);
            }

            ParsedDocument document;
            using (held.Telemetry.Step("ingest.parse"))
            {
                document = await isolatedReader.ReadAsync(reader, fullPath, _options.PdfPasswordFor(request.SetName), _options.PerFileTimeout, cancellationToken);
            }

            IReadOnlyList<Chunk> chunks;
            using (held.Telemetry.Step("ingest.chunk"))
            {
                chunks = chunker.Chunk(document, held.Job.DocumentId, request.SetName, held.ContentHash);
            }

            if (chunks.Count == 0)
            {
                throw new DocumentReadException("no text found in the document");
            }

            if (chunks.Count > _options.MaxChunksPerDocument)
            {
                throw new DocumentReadException($"document has {chunks.Count:N0} chunks, more than the limit of {_options.MaxChunksPerDocument:N0} (Rag:Ingestion:MaxChunksPerDocument)");
            }

            held.Document = IngestedDocuments.Describe(held.Job.DocumentId, request.SetName, fullPath, request.RelativePath, held.ContentHash, reader.MediaType, document);
            held.Chunks = chunks;
            held.Progress = new Core.Ingestion.IngestJobProgress(0, document.PageCount, 0, chunks.Count);
            return null;
        }
        catch (Exception ex) when (ex is DocumentReadException or IOException or UnauthorizedAccessException)
        {
            // The file's own fault (malformed, too big, a parser crash or hang in the sandbox): retrying will not help.
            return new JobEnd(IngestionStatus.Failed, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Anything else (the index busy, an unexpected error): may pass, so retried while attempts are left.
            return new JobEnd(IngestionStatus.Failed, ex.Message, Retryable: true);
        }
    }
}

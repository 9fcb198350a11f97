using System.Security.Cryptography;
using Rag.Core.Access;
using Rag.Core.Embeddings;
using Rag.Core.Ingestion;
using Rag.Core.Storage;
using Rag.Ingest.Pipeline;

namespace Rag.Ingest.Worker;

/// <summary>
/// Where ingestion is requested (the command line, <see cref="IngestionPipeline"/>): lists the files (hostile file
/// system rules of <c>docs/ingestion-file-system.md</c>), refuses document-id collisions, binds the embedding model,
/// prepares the set (<see cref="DocumentSetPreparation"/>, audited) and queues one job per file with its content hash,
/// so that a file that failed stays failed until it changes. Nothing is queued when a check fails.
/// </summary>
public sealed class IngestJobEnqueuer(IIngestJobStore store, DocumentSetPreparation sets, IDocumentIndex index, EmbeddingModelInfo model)
{
    private const int HashBufferSize = 81920;

    /// <summary>Queues the request's files as one batch.</summary>
    /// <exception cref="FileNotFoundException">A path given is neither a file nor a folder.</exception>
    /// <exception cref="InvalidOperationException">Two files would share a document id, or the set does not exist and no groups were named.</exception>
    public async Task<EnqueuedBatch> EnqueueAsync(IngestionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.SetName))
        {
            throw new ArgumentException("A document set name is required.", nameof(request));
        }

        var setName = NameKey.Normalize(request.SetName, "document set");
        var listing = FileEnumerator.Expand(request.Paths);
        var files = DocumentIdCollisions.ThrowIfAny(setName, listing.Files);
        await index.EnsureModelAsync(model, cancellationToken);
        await sets.PrepareAsync(setName, request.Groups, request.Actor, cancellationToken);
        var batchId = Guid.NewGuid().ToString("N");
        var requests = new List<IngestJobRequest>(files.Count);
        foreach (var file in files)
        {
            var path = ReadablePath(file);
            requests.Add(new IngestJobRequest(setName, path, file.RelativePath, await HashAsync(path, file.Status, cancellationToken), request.Actor, batchId));
        }

        var jobs = requests.Count == 0 ? [] : await store.EnqueueAsync(requests, cancellationToken);
        return new EnqueuedBatch(batchId, setName, jobs, listing.Skipped);
    }

    // A link named on the command line is the operator's choice and is followed (FileEnumerator): the worker, which
    // reads only regular files, is given the file it resolves to. Inside a folder no link is ever listed.
    private static string ReadablePath(ListedFile file)
    {
        try
        {
            return FileSystemNative.Lstat(file.FullPath).Kind == FileEntryKind.SymbolicLink
                ? File.ResolveLinkTarget(file.FullPath, returnFinalTarget: true)?.FullName ?? file.FullPath
                : file.FullPath;
        }
        catch (IOException)
        {
            return file.FullPath;
        }
    }

    // Unknown (null) when the file cannot be read now: the worker then fails it with the reason.
    private static async Task<string?> HashAsync(string path, FileEntryStatus listed, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = FileSystemNative.OpenListedRegularFile(path, listed, HashBufferSize);
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

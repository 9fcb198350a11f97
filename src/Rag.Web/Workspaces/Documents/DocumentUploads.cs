using System.Buffers;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Core.Storage;
using Rag.Ingest.Pipeline;
using Rag.Ingest.Readers;
using Rag.Ingest.Worker;

namespace Rag.Web.Workspaces.Documents;

/// <summary>
/// Takes many files into a set at once. The server checks each file itself, whatever the browser was told: the count
/// (<see cref="UploadOptions.MaxFilesPerUpload"/>), its name (<see cref="UploadFileName"/>), its type by extension and
/// first bytes (<see cref="UploadTypes"/>), its size as declared and as it arrives (<see cref="UploadOptions.MaxFileBytes"/>)
/// and the upload's total (<see cref="UploadOptions.MaxTotalBytes"/>). A refused file gets its reason and changes
/// nothing; the others go on. Accepted files are streamed to the <see cref="UploadStore"/> (a file of the same name
/// becomes the document's new version) and queued with <see cref="IngestJobEnqueuer"/>, one batch per upload: the
/// worker reads them, never this app.
/// </summary>
internal sealed class DocumentUploads(
    IOptions<UploadOptions> options, UploadStore store, IDocumentIndex index, IngestJobEnqueuer enqueuer, ILogger<DocumentUploads> logger)
{
    private const int CopyBufferBytes = 81920;

    /// <summary>The extensions accepted, as configured or else every one the readers support.</summary>
    public IReadOnlyList<string> AllowedExtensions { get; } = options.Value.AllowedExtensions.Count > 0
        ? [.. options.Value.AllowedExtensions.Select(UploadTypes.Canonical).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
        : DocumentReaderRegistry.CreateDefault().SupportedExtensions;

    /// <summary>The limits in force.</summary>
    public UploadOptions Limits => options.Value;

    /// <summary>Stores and queues <paramref name="files"/> into set <paramref name="setName"/>; one result per file, in order.</summary>
    /// <exception cref="UnauthorizedAccessException">The caller is not an admin.</exception>
    /// <exception cref="KeyNotFoundException">There is no such set (nothing is stored).</exception>
    public async Task<UploadResult> UploadAsync(ClaimsPrincipal user, string setName, IReadOnlyList<UploadedFile> files, CancellationToken cancellationToken = default)
    {
        var actor = DocumentsAccess.RequireAdmin(user);
        ArgumentNullException.ThrowIfNull(files);
        var name = NameKey.Normalize(setName ?? string.Empty, "document set");
        var set = await index.GetDocumentSetAsync(name, cancellationToken)
            ?? throw new KeyNotFoundException($"There is no document set named '{name}': create it first.");

        var limits = options.Value;
        var results = new UploadFileResult?[files.Count];
        var stored = new List<(int Index, string Name, string Path)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var reason = Precheck(file, i, limits, total, names, out var storedName);
            if (reason is null)
            {
                var path = store.FilePath(set.Name, storedName);
                (reason, var bytes) = await ReceiveAsync(file, storedName, path, limits, total, cancellationToken);
                total += bytes;
                if (reason is null)
                {
                    stored.Add((i, storedName, path));
                }
            }

            if (reason is not null)
            {
                results[i] = UploadFileResult.Refused(file.Name, reason);
            }
        }

        var batchId = stored.Count == 0 ? null : await EnqueueAsync(set.Name, actor.Id, stored, files, results, cancellationToken);
        var result = new UploadResult(set.Name, batchId, [.. results.Select(r => r!)]);
        DocumentsLog.Uploaded(logger, set.Name, result.AcceptedCount, result.RefusedCount);
        return result;
    }

    private string? Precheck(UploadedFile file, int position, UploadOptions limits, long total, HashSet<string> names, out string storedName)
    {
        storedName = string.Empty;
        if (position >= limits.MaxFilesPerUpload)
        {
            return $"an upload takes at most {limits.MaxFilesPerUpload} files; upload this one separately";
        }

        if (!UploadFileName.TryValidate(file.Name, out storedName, out var nameReason))
        {
            return nameReason;
        }

        var extension = UploadTypes.ExtensionOf(storedName);
        if (!AllowedExtensions.Contains(extension, StringComparer.Ordinal))
        {
            return $"{(extension.Length == 0 ? "files without an extension" : $"'{extension}' files")} are not accepted; accepted types: {string.Join(", ", AllowedExtensions)}";
        }

        if (!names.Add(storedName))
        {
            return "a file of the same name is already in this upload";
        }

        if (file.DeclaredBytes > limits.MaxFileBytes)
        {
            return $"it is {ByteSizes.Format(file.DeclaredBytes)}, over the limit of {ByteSizes.Format(limits.MaxFileBytes)} per file";
        }

        return total + Math.Max(0, file.DeclaredBytes) > limits.MaxTotalBytes
            ? $"the upload would exceed its limit of {ByteSizes.Format(limits.MaxTotalBytes)} in all; upload this file separately"
            : null;
    }

    // Streams the file to a private temporary file, counting and checking as it goes, and moves it into place when it
    // is complete and acceptable. Returns the reason it was refused (null when stored) and the bytes it took.
    private async Task<(string? Reason, long Bytes)> ReceiveAsync(
        UploadedFile file, string storedName, string destination, UploadOptions limits, long total, CancellationToken cancellationToken)
    {
        var perFile = limits.MaxFileBytes;
        var left = limits.MaxTotalBytes - total;
        var (incoming, output) = store.CreateIncoming();
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        long written = 0;
        var committed = false;
        try
        {
            await using (output)
            {
                await using var input = file.OpenRead(cancellationToken);
                var head = await input.ReadAtLeastAsync(buffer.AsMemory(0, UploadTypes.SniffBytes), UploadTypes.SniffBytes, throwOnEndOfStream: false, cancellationToken);
                if (head == 0)
                {
                    return ("the file is empty", 0);
                }

                if (UploadTypes.CheckContent(UploadTypes.ExtensionOf(storedName), buffer.AsSpan(0, head)) is { } contentReason)
                {
                    return (contentReason, 0);
                }

                var read = head;
                do
                {
                    written += read;
                    if (written > perFile)
                    {
                        return ($"it is larger than the limit of {ByteSizes.Format(perFile)} per file", 0);
                    }

                    if (written > left)
                    {
                        return ($"the upload exceeded its limit of {ByteSizes.Format(limits.MaxTotalBytes)} in all; upload this file separately", 0);
                    }

                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0);
            }

            UploadStore.Commit(incoming, destination);
            committed = true;
            return (null, written);
        }
        catch (IOException ex)
        {
            return ($"it could not be received completely ({ex.Message})", 0);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!committed)
            {
                UploadStore.Discard(incoming);
            }
        }
    }

    private async Task<string?> EnqueueAsync(
        string setName, string actorId, List<(int Index, string Name, string Path)> stored, IReadOnlyList<UploadedFile> files, UploadFileResult?[] results, CancellationToken cancellationToken)
    {
        try
        {
            var batch = await enqueuer.EnqueueAsync(new IngestionRequest([.. stored.Select(s => s.Path)], setName, null, actorId), cancellationToken);
            var jobs = batch.Jobs.ToDictionary(j => j.Request.RelativePath, StringComparer.Ordinal);
            foreach (var (i, name, _) in stored)
            {
                results[i] = jobs.TryGetValue(name, out var job)
                    ? new UploadFileResult(files[i].Name, true, null, job.DocumentId, job.State)
                    : UploadFileResult.Refused(files[i].Name, "it was stored but not queued: " + (batch.Skipped.FirstOrDefault(s => Path.GetFileName(s.Path) == name)?.Reason ?? "the queue did not take it"));
            }

            return batch.BatchId;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            DocumentsLog.UploadNotQueued(logger, setName, ex);
            foreach (var (i, _, _) in stored)
            {
                results[i] = UploadFileResult.Refused(files[i].Name, $"it was stored but could not be queued ({ex.Message}); upload it again or re-index it");
            }

            return null;
        }
    }
}

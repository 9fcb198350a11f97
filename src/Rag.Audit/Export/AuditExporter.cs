using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rag.Core.Audit;
using Rag.Storage;

namespace Rag.Audit.Export;

/// <summary>
/// Exports a slice of the audit log to CSV or JSON Lines with a signed manifest beside it, which
/// <see cref="AuditExportVerifier"/> checks offline. The export is recorded (<see cref="AuditActions.AuditExported"/>)
/// before anything is read; when that record cannot be written nothing is exported (fail closed).
/// </summary>
public sealed class AuditExporter
{
    /// <summary>What <see cref="ManifestPathFor"/> appends to the export's path.</summary>
    public const string ManifestSuffix = ".manifest.json";

    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IAuditLog _log;
    private readonly AuditKeyProvider _keys;
    private readonly TimeProvider _time;

    /// <summary>Creates the exporter over <paramref name="log"/>, signing with <paramref name="keys"/>' signing key.</summary>
    public AuditExporter(IAuditLog log, AuditKeyProvider keys, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _log = log;
        _keys = keys;
        _time = timeProvider;
    }

    /// <summary>The manifest of the export at <paramref name="exportPath"/>: <c>OUT.manifest.json</c>.</summary>
    public static string ManifestPathFor(string exportPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exportPath);
        return exportPath + ManifestSuffix;
    }

    /// <summary>
    /// Records the export, then writes the matching records oldest first to <see cref="AuditExportRequest.OutputPath"/>
    /// and the signed manifest beside it. Records appended while the export runs are not included (except the export's
    /// own record, when the range covers it).
    /// </summary>
    /// <exception cref="ArgumentException">The request is not valid (an empty range, no output path).</exception>
    /// <exception cref="InvalidOperationException">The output or its manifest exists, or the signing key is unusable.</exception>
    /// <exception cref="AuditUnavailableException">The export could not be recorded, so nothing was exported.</exception>
    public async Task<AuditExportResult> ExportAsync(AuditExportRequest request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.OutputPath, nameof(request));
        if (request.From is { } from && request.To is { } to && from >= to)
        {
            throw new ArgumentException($"The export range is empty: from {AuditChain.FormatTime(from)} is not before to {AuditChain.FormatTime(to)}.", nameof(request));
        }

        var output = Path.GetFullPath(request.OutputPath);
        var manifestPath = ManifestPathFor(output);
        foreach (var path in (string[])[output, manifestPath])
        {
            if (File.Exists(path) || Directory.Exists(path))
            {
                throw new InvalidOperationException($"'{path}' already exists; an export never overwrites a file.");
            }
        }

        if (Path.GetDirectoryName(output) is { } directory && !Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The folder '{directory}' does not exist.");
        }

        // The key first: an unusable key refuses the export before it is on record as done.
        var key = _keys.GetSigningKey();
        var record = await RecordAsync(request, actor, output, cancellationToken);
        var created = new List<string>(2);
        try
        {
            var digests = new List<string>();
            long? first = null;
            long? last = null;
            await using (var writer = AuditExportFileWriter.Create(output, request.Format))
            {
                created.Add(output);
                await foreach (var row in SelectAsync(request, cancellationToken))
                {
                    await writer.WriteAsync(row, cancellationToken);
                    digests.Add(AuditExportManifest.RowDigest(row));
                    first ??= row.Sequence;
                    last = row.Sequence;
                }

                await writer.CompleteAsync(cancellationToken);
            }

            var manifest = AuditExportManifest.Create(
                request.Format, _time.GetUtcNow(), actor.Id, AuditExportFilters.Of(request), first, last, await Sha256Async(output, cancellationToken), digests, key);
            await using (var stream = new FileStream(manifestPath, PrivateFiles.CreateOptions(FileMode.CreateNew, FileAccess.Write, FileShare.Read)))
            {
                created.Add(manifestPath);
                await JsonSerializer.SerializeAsync(stream, manifest, ManifestJson, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            return new AuditExportResult(output, manifestPath, manifest, record);
        }
        catch
        {
            // No half-written export is left to be mistaken for a whole one; the record of the attempt stays.
            foreach (var path in created)
            {
                File.Delete(path);
            }

            throw;
        }
    }

    /// <summary>Hex SHA-256 of the file at <paramref name="path"/>.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private async Task<AuditRecord> RecordAsync(AuditExportRequest request, AuditActor actor, string output, CancellationToken cancellationToken)
    {
        var filters = AuditExportFilters.Of(request);
        var auditEvent = new AuditEvent(AuditActions.AuditExported, actor, [], AuditOutcomes.Ok)
        {
            Detail = JsonSerializer.Serialize(new
            {
                from = filters.From,
                to = filters.To,
                user = filters.User,
                action = filters.Action,
                format = AuditExportManifest.FormatName(request.Format),
                output,
            }),
            ClientAddress = request.ClientAddress,
        };
        try
        {
            return await _log.AppendAsync(auditEvent, cancellationToken);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or AuditUnavailableException))
        {
            throw new AuditUnavailableException("The export was refused because the audit trail could not record it: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// The matching records, oldest first, streamed from the log. The scan starts after the newest record older than
    /// <see cref="AuditExportRequest.From"/> (unless the clock was set back and an older sequence number carries a time in
    /// range: then from the start) and stops at the newest record before <see cref="AuditExportRequest.To"/>, as it was
    /// when the export started.
    /// </summary>
    private async IAsyncEnumerable<AuditRecord> SelectAsync(AuditExportRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var end = (await _log.QueryAsync(new AuditQuery { To = request.To, PageSize = 1 }, cancellationToken)).Records;
        if (end.Count == 0)
        {
            yield break;
        }

        var start = 1L;
        if (request.From is { } from
            && (await _log.QueryAsync(new AuditQuery { To = from, PageSize = 1 }, cancellationToken)).Records is [var before])
        {
            var earlierInRange = await _log.QueryAsync(new AuditQuery { From = from, Before = before.Sequence, PageSize = 1 }, cancellationToken);
            start = earlierInRange.Records.Count == 0 ? before.Sequence + 1 : 1;
        }

        await foreach (var record in _log.ReadAsync(start, cancellationToken))
        {
            if (record.Sequence > end[0].Sequence)
            {
                yield break;
            }

            if (request.Matches(record))
            {
                yield return record;
            }
        }
    }
}

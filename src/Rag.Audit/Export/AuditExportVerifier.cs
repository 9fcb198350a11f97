using System.Text.Json;
using Rag.Core.Audit;
using Rag.Audit.Signing;

namespace Rag.Audit.Export;

/// <summary>
/// Checks an export against its signed manifest, offline (no database): the signature and key, the file's SHA-256, and
/// every row — its hash recomputed from its cells must equal its hash cell and the signed row digest at its place —
/// then the order, count and first and last sequence numbers. A changed cell is named by its row even when the hash
/// cells were recomputed too.
/// </summary>
public static class AuditExportVerifier
{
    /// <summary>Most problems reported; a last one counts the rest.</summary>
    public const int MaxProblems = 100;

    /// <summary>Verifies <paramref name="exportPath"/> against <paramref name="manifestPath"/> (default: <c>OUT.manifest.json</c>) with <paramref name="key"/>.</summary>
    /// <exception cref="FileNotFoundException">The export or the manifest does not exist.</exception>
    public static async Task<AuditExportVerification> VerifyAsync(string exportPath, string? manifestPath, AuditKey key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exportPath);
        ArgumentNullException.ThrowIfNull(key);
        exportPath = Path.GetFullPath(exportPath);
        manifestPath = Path.GetFullPath(manifestPath ?? AuditExporter.ManifestPathFor(exportPath));
        if (!File.Exists(exportPath))
        {
            throw new FileNotFoundException($"The export '{exportPath}' does not exist.", exportPath);
        }

        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"The manifest '{manifestPath}' does not exist (give it with --manifest FILE).", manifestPath);
        }

        var (manifest, error) = await ReadManifestAsync(manifestPath, cancellationToken);
        if (manifest is null)
        {
            return new AuditExportVerification(0, null, [new AuditExportProblem(null, null, $"the manifest '{manifestPath}' cannot be read: {error}")]);
        }

        var problems = new List<AuditExportProblem>();
        if (!string.Equals(manifest.KeyId, key.KeyId, StringComparison.Ordinal))
        {
            problems.Add(new AuditExportProblem(null, null, $"the manifest was signed with key {manifest.KeyId}, not with the key given ({key.KeyId})"));
        }
        else if (!key.Verify(manifest.Payload, manifest.Signature))
        {
            problems.Add(new AuditExportProblem(null, null, "the manifest's signature does not verify: the manifest was changed after it was signed"));
        }

        AuditExportFormat format;
        switch (manifest.Format)
        {
            case "csv":
                format = AuditExportFormat.Csv;
                break;
            case "json":
                format = AuditExportFormat.Json;
                break;
            default:
                problems.Add(new AuditExportProblem(null, null, $"the manifest names an unknown format '{manifest.Format}'"));
                return new AuditExportVerification(0, manifest, problems);
        }

        // The rows first, so that a changed cell is named before the file-level consequences of the change.
        var signed = manifest.RowDigests ?? [];
        var (rows, first, last, rowProblems) = await CheckRowsAsync(exportPath, format, signed, cancellationToken);
        problems.AddRange(rowProblems.OrderBy(p => p.Row));
        var sha = await AuditExporter.Sha256Async(exportPath, cancellationToken);
        if (!string.Equals(sha, manifest.FileSha256, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new AuditExportProblem(null, null, $"the file's SHA-256 is {sha} but the signed manifest says {manifest.FileSha256}: the file was changed"));
        }

        if (signed.Count != manifest.Count)
        {
            problems.Add(new AuditExportProblem(null, null, $"the manifest lists {signed.Count} row digests for {manifest.Count} rows"));
        }
        if (rows != manifest.Count)
        {
            problems.Add(new AuditExportProblem(null, null, $"the file has {rows} rows; the signed manifest says {manifest.Count}"));
        }

        if (first != manifest.FirstSequence || last != manifest.LastSequence)
        {
            problems.Add(new AuditExportProblem(null, null, $"the file's sequence numbers run {Range(first, last)}; the signed manifest says {Range(manifest.FirstSequence, manifest.LastSequence)}"));
        }

        if (problems.Count > MaxProblems)
        {
            var more = problems.Count - MaxProblems;
            problems = [.. problems.Take(MaxProblems), new AuditExportProblem(null, null, $"… and {more} more problem(s)")];
        }

        return new AuditExportVerification(rows, manifest, problems);
    }

    private static async Task<(long Rows, long? First, long? Last, List<AuditExportProblem> Problems)> CheckRowsAsync(
        string exportPath, AuditExportFormat format, IReadOnlyList<string?> signed, CancellationToken cancellationToken)
    {
        var problems = new List<AuditExportProblem>();
        var aligner = new AuditExportRowAligner(signed, problems.Add);
        long rows = 0;
        long? first = null;
        long? last = null;
        try
        {
            await foreach (var row in AuditExportFileReader.ReadAsync(exportPath, format, cancellationToken))
            {
                rows = row.Number;
                if (row.Record is not { } record)
                {
                    aligner.Add(row.Number, null, null);
                    problems.Add(new AuditExportProblem(row.Number, null, $"row {row.Number} cannot be read: {row.Error}"));
                    continue;
                }

                var hash = AuditChain.ComputeHash(record);
                var placed = aligner.Add(row.Number, record.Sequence, hash[..AuditExportManifest.RowDigestLength]);
                if (placed && !string.Equals(hash, record.Hash, StringComparison.Ordinal))
                {
                    problems.Add(new AuditExportProblem(row.Number, record.Sequence, $"{AuditExportRowAligner.Name(row.Number, record.Sequence)}: its hash cell does not match its cells"));
                }
                else if (placed && last is { } previous && record.Sequence <= previous)
                {
                    problems.Add(new AuditExportProblem(row.Number, record.Sequence, $"{AuditExportRowAligner.Name(row.Number, record.Sequence)} does not come after sequence {previous}"));
                }

                first ??= record.Sequence;
                last = record.Sequence;
            }
        }
        catch (FormatException ex)
        {
            problems.Add(new AuditExportProblem(rows + 1, null, $"row {rows + 1} and after cannot be read: {ex.Message}"));
        }

        aligner.Complete();
        return (rows, first, last, problems);
    }

    private static async Task<(AuditExportManifest? Manifest, string? Error)> ReadManifestAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
            var manifest = await JsonSerializer.DeserializeAsync<AuditExportManifest>(stream, cancellationToken: cancellationToken);
            return manifest is null ? (null, "it is empty") : (manifest, null);
        }
        catch (JsonException ex)
        {
            return (null, ex.Message);
        }
    }

    private static string Range(long? first, long? last) => first is null ? "nowhere (no rows)" : $"{first}..{last}";
}

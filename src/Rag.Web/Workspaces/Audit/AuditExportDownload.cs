using System.IO.Compression;
using Rag.Audit.Export;

namespace Rag.Web.Workspaces.Audit;

/// <summary>
/// A finished export waiting in a private temporary folder: the data file and its signed manifest, delivered as one zip
/// (<see cref="WriteZipAsync"/>) and deleted when disposed. Unzipped, the two files verify with <c>rag audit verify-export</c>.
/// </summary>
public sealed class AuditExportDownload : IDisposable
{
    private readonly string _folder;

    internal AuditExportDownload(string folder, AuditExportResult result, string zipFileName)
    {
        _folder = folder;
        Result = result;
        ZipFileName = zipFileName;
    }

    /// <summary>What the exporter wrote (paths inside the temporary folder, the manifest, the <c>audit.exported</c> record).</summary>
    public AuditExportResult Result { get; }

    /// <summary>The name the download is offered under, e.g. <c>audit-export-20261205T130000Z-csv.zip</c>.</summary>
    public string ZipFileName { get; }

    /// <summary>
    /// Writes the zip (data file, then manifest, under their export names) to <paramref name="output"/>, which need not
    /// seek. The zip is built in the private folder first (a zip's directory needs a seekable stream, and a response
    /// body allows no synchronous writes), then copied.
    /// </summary>
    public async Task WriteZipAsync(Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var zipPath = await BuildZipAsync(cancellationToken);
        await using var source = new FileStream(zipPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await source.CopyToAsync(output, cancellationToken);
    }

    /// <summary>The zip's path in the private folder, built on first use.</summary>
    public async Task<string> BuildZipAsync(CancellationToken cancellationToken = default)
    {
        var zipPath = Path.Combine(_folder, ZipFileName);
        if (File.Exists(zipPath))
        {
            return zipPath;
        }

        await using (var file = new FileStream(zipPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        await using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: false))
        {
            foreach (var path in (string[])[Result.OutputPath, Result.ManifestPath])
            {
                var entry = zip.CreateEntry(Path.GetFileName(path), CompressionLevel.Fastest);
                await using var target = await entry.OpenAsync(cancellationToken);
                await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
                await source.CopyToAsync(target, cancellationToken);
            }
        }

        return zipPath;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is private (0700) and under the temporary directory.
        }
    }
}

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

    /// <summary>Writes the zip (data file, then manifest, under their export names) to <paramref name="output"/>, which need not seek.</summary>
    public async Task WriteZipAsync(Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var path in (string[])[Result.OutputPath, Result.ManifestPath])
        {
            var entry = zip.CreateEntry(Path.GetFileName(path), CompressionLevel.Fastest);
            await using var target = await entry.OpenAsync(cancellationToken);
            await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await source.CopyToAsync(target, cancellationToken);
        }
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

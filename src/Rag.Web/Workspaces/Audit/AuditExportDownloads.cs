using System.Globalization;
using System.Security.Claims;
using Rag.Audit.Export;
using Rag.Core.Audit;

namespace Rag.Web.Workspaces.Audit;

/// <summary>
/// Exports a slice of the audit log for download with the existing exporter (<see cref="AuditExporter"/>: the export is
/// recorded as <c>audit.exported</c> before anything is read, CSV or JSON Lines with a signed manifest), into a private
/// temporary folder that the returned <see cref="AuditExportDownload"/> zips to the caller and then deletes.
/// </summary>
public sealed class AuditExportDownloads(AuditExporter exporter, TimeProvider time)
{
    /// <summary>Name of the data file inside the zip (<c>.csv</c> or <c>.jsonl</c> appended); the manifest is this plus <see cref="AuditExporter.ManifestSuffix"/>.</summary>
    public const string DataFileStem = "audit-export";

    /// <summary>Runs the export and returns it ready to be sent; dispose it to delete the files.</summary>
    /// <exception cref="UnauthorizedAccessException">The caller is not a compliance officer.</exception>
    /// <exception cref="ArgumentException">The filter is not valid (an empty time range).</exception>
    /// <exception cref="AuditUnavailableException">The export could not be recorded, so nothing was exported.</exception>
    public async Task<AuditExportDownload> ExportAsync(
        ClaimsPrincipal user, AuditExportFilter filter, AuditExportFormat format, string clientAddress, CancellationToken cancellationToken = default)
    {
        ComplianceAccess.Demand(user);
        ArgumentNullException.ThrowIfNull(filter);
        var folder = Directory.CreateTempSubdirectory("rag-audit-export-").FullName; // 0700 on Unix
        try
        {
            var extension = format == AuditExportFormat.Csv ? ".csv" : ".jsonl";
            var result = await exporter.ExportAsync(
                new AuditExportRequest
                {
                    OutputPath = Path.Combine(folder, DataFileStem + extension),
                    Format = format,
                    From = filter.From,
                    To = filter.To,
                    UserId = string.IsNullOrWhiteSpace(filter.UserId) ? null : filter.UserId.Trim(),
                    Action = string.IsNullOrWhiteSpace(filter.Action) ? null : filter.Action.Trim(),
                    ClientAddress = clientAddress,
                },
                ComplianceAccess.Actor(user),
                cancellationToken);
            var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            return new AuditExportDownload(folder, result, $"{DataFileStem}-{stamp}-{AuditExportManifest.FormatName(format)}.zip");
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }
}

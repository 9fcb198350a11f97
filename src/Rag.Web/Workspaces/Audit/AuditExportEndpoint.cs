using System.Globalization;
using Microsoft.Net.Http.Headers;
using Rag.Audit.Export;
using Rag.Core.Audit;
using Rag.Web.Hosting;

namespace Rag.Web.Workspaces.Audit;

/// <summary>
/// <c>GET /audit/export?format=csv|json&amp;from=&amp;to=&amp;user=&amp;action=</c>: the export as a zip download (data file and
/// signed manifest). Authorized for <c>ComplianceOfficer</c> by the route and again by <see cref="AuditExportDownloads"/>.
/// Bad input gets 400 with a message; an export that cannot be recorded gets 503 and exports nothing.
/// </summary>
internal static class AuditExportEndpoint
{
    public const string Path = "/audit/export";

    private static readonly string[] s_known = ["format", "from", "to", "user", "action"];

    public static async Task HandleAsync(HttpContext context, AuditExportDownloads downloads, ILogger<AuditExportDownloads> logger)
    {
        var query = context.Request.Query;
        if (Problem(query, out var format, out var filter) is { } problem)
        {
            AuditWorkspaceLog.ExportRefused(logger, problem);
            await PlainAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        AuditExportDownload download;
        try
        {
            download = await downloads.ExportAsync(context.User, filter!, format, ClientAddress.Of(context), context.RequestAborted);
        }
        catch (UnauthorizedAccessException ex)
        {
            await PlainAsync(context, StatusCodes.Status403Forbidden, ex.Message);
            return;
        }
        catch (ArgumentException ex)
        {
            await PlainAsync(context, StatusCodes.Status400BadRequest, ex.Message);
            return;
        }
        catch (AuditUnavailableException ex)
        {
            AuditWorkspaceLog.ExportNotRecorded(logger, ex);
            await PlainAsync(context, StatusCodes.Status503ServiceUnavailable, "The export was refused because the audit trail could not record it.");
            return;
        }

        using (download)
        {
            context.Response.ContentLength = new FileInfo(await download.BuildZipAsync(context.RequestAborted)).Length;
            context.Response.ContentType = "application/zip";
            context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = download.ZipFileName }.ToString();
            await download.WriteZipAsync(context.Response.Body, context.RequestAborted);
        }
    }

    /// <summary>A message for the first thing wrong with the query, else null (with the format and filter parsed).</summary>
    internal static string? Problem(IQueryCollection query, out AuditExportFormat format, out AuditExportFilter? filter)
    {
        format = AuditExportFormat.Csv;
        filter = null;
        if (query.Keys.FirstOrDefault(k => !s_known.Contains(k, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            return unknown is "document" or "outcome"
                ? $"An export cannot filter by '{unknown}': the signed export format carries only from, to, user and action (docs/audit-export.md). Clear that filter to export."
                : $"Unknown parameter '{unknown}'. Use format=csv|json, from, to, user, action.";
        }

        switch (query["format"].ToString().ToLowerInvariant())
        {
            case "csv":
                format = AuditExportFormat.Csv;
                break;
            case "json":
                format = AuditExportFormat.Json;
                break;
            default:
                return "format must be csv or json.";
        }

        DateTimeOffset? from = null;
        DateTimeOffset? to = null;
        foreach (var (name, set) in (ValueTuple<string, Action<DateTimeOffset>>[])[("from", t => from = t), ("to", t => to = t)])
        {
            if (query[name].ToString() is { Length: > 0 } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
                {
                    return $"'{name}' is not a date and time: '{text}'. Use ISO 8601, e.g. 2026-12-01T00:00:00Z (times without an offset are UTC).";
                }

                set(time);
            }
        }

        if (from is { } f && to is { } t2 && f >= t2)
        {
            return "The time range is empty: 'from' must be before 'to'.";
        }

        filter = new AuditExportFilter { From = from, To = to, UserId = query["user"].ToString(), Action = query["action"].ToString() };
        return null;
    }

    private static Task PlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, context.RequestAborted);
    }
}

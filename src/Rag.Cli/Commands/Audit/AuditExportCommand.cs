using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Audit;
using Rag.Audit;
using Rag.Audit.Export;

namespace Rag.Cli.Commands.Audit;

/// <summary>
/// <c>rag audit export --from DATE --to DATE [--subject U] [--action A] --format csv|json OUT [--user ME]</c>: the records
/// plus OUT.manifest.json, signed. The user filter is <c>--subject</c>, as in <c>audit query</c>: <c>--user</c> is who is acting.
/// </summary>
internal static class AuditExportCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "Records at or after this time (e.g. 2026-11-01 or 2026-11-01T08:00+01:00; UTC when no offset).", Required = true };
        var to = new Option<string>("--to") { Description = "Records before this time (exclusive: --to 2026-12-01 ends with November).", Required = true };
        var subject = new Option<string?>("--subject") { Description = "Only records of this user id (the actor)." };
        var action = new Option<string?>("--action") { Description = "Only records of this action, e.g. question.asked." };
        var format = new Option<string>("--format") { Description = "csv (RFC 4180, for spreadsheets) or json (JSON Lines).", Required = true };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Argument<string>("out") { Description = "The export file to create (never overwritten); OUT.manifest.json is written beside it." };
        var user = AuditCli.UserOption();
        var command = new Command("export", "Export records to CSV or JSON Lines with a signed manifest that `audit verify-export` checks offline (the export is itself recorded first).")
        {
            from, to, subject, action, format, output, user,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new AuditExportRequest
            {
                OutputPath = Path.GetFullPath(parse.GetValue(output)!),
                Format = parse.GetValue(format) == "csv" ? AuditExportFormat.Csv : AuditExportFormat.Json,
                From = AuditCli.ParseTime(parse.GetValue(from)!, "--from"),
                To = AuditCli.ParseTime(parse.GetValue(to)!, "--to"),
                UserId = parse.GetValue(subject),
                Action = parse.GetValue(action),
            };
            if (request.From >= request.To)
            {
                throw new ArgumentException("--from must be before --to.");
            }

            await using var services = RagServices.Build(context.Paths, context.ConfigurationOverrides);
            var actor = AuditCli.Actor(context, parse.GetValue(user));
            await AuditCli.RecordConfigurationAsync(services, actor, cancellationToken);
            var result = await services.GetRequiredService<AuditExporter>().ExportAsync(request, actor, cancellationToken);

            var manifest = result.Manifest;
            var range = manifest.FirstSequence is { } first ? $"records {first}..{manifest.LastSequence}" : "no records matched";
            await context.Output.WriteLineAsync($"Exported {manifest.Count:N0} record(s) ({range}) to {result.OutputPath}");
            await context.Output.WriteLineAsync($"Signed manifest (key {manifest.KeyId}): {result.ManifestPath}");
            var source = services.GetRequiredService<AuditKeyProvider>().Source;
            var publicKey = Path.IsPathFullyQualified(source) ? AuditKeyProvider.PublicPathFor(source) : "PUBLIC-KEY.pem";
            await context.Output.WriteLineAsync($"Auditors check it anywhere with: ./rag audit verify-export {result.OutputPath} --public-key {publicKey}");
            return RagCommandLine.ExitOk;
        });
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Audit;
using Rag.Audit.Export;
using Spectre.Console;

namespace Rag.Cli.Commands.Audit;

/// <summary><c>rag audit query [--from DATE] [--to DATE] [--user U] [--action A] [--target ID] [--outcome O] [--page-size N] [--before SEQ] [--json]</c>.</summary>
internal static class AuditQueryCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Option<string?>("--from") { Description = "Records at or after this time (e.g. 2026-11-01 or 2026-11-01T08:00Z; UTC when no offset)." };
        var to = new Option<string?>("--to") { Description = "Records before this time." };
        var subject = new Option<string?>("--subject") { Description = "Records of this user id (the actor)." };
        var action = new Option<string?>("--action") { Description = "Records of this action, e.g. question.asked, egress.blocked." };
        var target = new Option<string?>("--target") { Description = "Records naming this document id, chunk id or set." };
        var outcome = new Option<string?>("--outcome") { Description = "Records with this outcome (ok, answered, denied, failed…)." };
        var pageSize = new Option<int>("--page-size") { Description = $"Records per page (1..{AuditQuery.MaxPageSize}).", DefaultValueFactory = _ => 50 };
        var before = new Option<long?>("--before") { Description = "Records before this sequence number (the next page)." };
        var json = new Option<bool>("--json") { Description = "Print {records, nextBefore} as JSON." };
        var user = AuditCli.UserOption();
        var command = new Command("query", "Search the audit log, newest first (the search is itself recorded).") { from, to, subject, action, target, outcome, pageSize, before, json, user };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var query = new AuditQuery
            {
                From = parse.GetValue(from) is { } f ? AuditCli.ParseTime(f, "--from") : null,
                To = parse.GetValue(to) is { } t ? AuditCli.ParseTime(t, "--to") : null,
                UserId = parse.GetValue(subject),
                Action = parse.GetValue(action),
                Target = parse.GetValue(target),
                Outcome = parse.GetValue(outcome),
                PageSize = parse.GetValue(pageSize),
                Before = parse.GetValue(before),
            };
            if (query.PageSize is < 1 or > AuditQuery.MaxPageSize)
            {
                throw new ArgumentException($"--page-size must be between 1 and {AuditQuery.MaxPageSize}.");
            }

            await using var services = RagServices.Build(context.Paths, context.ConfigurationOverrides);
            var log = services.GetRequiredService<IAuditLog>();
            var actor = AuditCli.Actor(context, parse.GetValue(user));
            await AuditCli.RecordConfigurationAsync(services, actor, cancellationToken);

            // Recorded before anything is shown: reading the log leaves a trace (fail closed like every other record).
            await log.AppendAsync(
                new AuditEvent(AuditActions.AuditRead, actor, [], AuditOutcomes.Ok) { Detail = JsonSerializer.Serialize(query), ClientAddress = AuditContext.LocalClient },
                cancellationToken);
            var page = await log.QueryAsync(query, cancellationToken);
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(new { records = page.Records.Select(AuditExportJsonRow.From), nextBefore = page.NextBefore }));
            }
            else
            {
                Print(context.Console, page);
            }

            return RagCommandLine.ExitOk;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, AuditPage page)
    {
        var table = new Table().AddColumns("seq", "time (UTC)", "actor", "action", "outcome", "targets", "detail");
        foreach (var record in page.Records)
        {
            var e = record.Event;
            var detail = e.Detail is { Length: > 80 } text ? text[..77] + "..." : e.Detail ?? string.Empty;
            table.AddRow(
                Markup.Escape(record.Sequence.ToString(CultureInfo.InvariantCulture)),
                Markup.Escape(record.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                Markup.Escape(e.Actor.Id),
                Markup.Escape(e.Action),
                Markup.Escape(e.Outcome),
                Markup.Escape(e.Targets.Count > 2 ? $"{e.Targets[0]}, {e.Targets[1]} +{e.Targets.Count - 2}" : string.Join(", ", e.Targets)),
                Markup.Escape(detail));
        }

        console.Write(table);
        console.MarkupLineInterpolated($"{page.Records.Count} record(s).{(page.NextBefore is { } next ? $" Next page: --before {next}" : string.Empty)}");
    }
}

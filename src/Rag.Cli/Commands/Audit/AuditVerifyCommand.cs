using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Audit;
using Rag.Audit.Verification;
using Spectre.Console;

namespace Rag.Cli.Commands.Audit;

/// <summary><c>rag audit verify [--from SEQ] [--checkpoints FILE] [--public-key FILE] [--json]</c>.</summary>
internal static class AuditVerifyCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Option<long?>("--from") { Description = "Start at the last signed checkpoint before this record instead of the start of the log." };
        var checkpoints = new Option<string?>("--checkpoints") { Description = "Checkpoint file to check against (e.g. the WORM copy; default: the configured one)." };
        var publicKey = new Option<string?>("--public-key") { Description = "PEM public key to verify signatures with (default: the configured signing key)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var user = AuditCli.UserOption();
        var command = new Command("verify", "Recompute the hash chain and check the signed checkpoints; exit code 5 names the first damage.") { from, checkpoints, publicKey, json, user };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = RagServices.Build(context.Paths, context.ConfigurationOverrides);
            var verification = await services.GetRequiredService<AuditTrailVerifier>().VerifyAsync(
                new AuditTrailVerificationRequest(parse.GetValue(from), parse.GetValue(checkpoints), parse.GetValue(publicKey)),
                cancellationToken);
            var (report, trust, checkpointPath, refusals) = (verification.Report, verification.Trust, verification.CheckpointPath, verification.Refusals);
            var seconds = verification.Elapsed.TotalSeconds;

            // The verification is itself on record, with what it found. A log too damaged to take the record (an
            // unvouched tail, a replaced key) still gets its report: the damage is what the reader must see.
            string? notRecorded = null;
            try
            {
                var actor = AuditCli.Actor(context, parse.GetValue(user));
                await AuditCli.RecordConfigurationAsync(services, actor, cancellationToken);
                await services.GetRequiredService<IAuditLog>().AppendAsync(
                    new AuditEvent(AuditActions.AuditVerified, actor, [], report.Intact ? AuditOutcomes.Ok : AuditOutcomes.Damaged)
                    {
                        Detail = JsonSerializer.Serialize(new { records = report.RecordsChecked, lastSequence = report.LastSequence, checkpoints = checkpointPath, key = trust.Fingerprint, pinning = trust.Pinning.ToString(), damage = report.Damage.Select(d => d.Message) }),
                        ClientAddress = AuditContext.LocalClient,
                    },
                    cancellationToken);
            }
            catch (Exception ex) when (!report.Intact && ex is AuditUnavailableException or InvalidOperationException)
            {
                notRecorded = ex.Message;
            }

            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    intact = report.Intact,
                    startedAfterSequence = report.StartedAfterSequence,
                    recordsChecked = report.RecordsChecked,
                    lastSequence = report.LastSequence,
                    checkpointsChecked = report.CheckpointsChecked,
                    checkpointsMatched = report.CheckpointsMatched,
                    uncoveredRecords = report.UncoveredRecords,
                    seconds,
                    trust = new { fingerprint = trust.Fingerprint, keyId = trust.KeyId, source = trust.Source, pinning = trust.Pinning.ToString(), description = trust.Describe() },
                    recordMacsChecked = report.RecordMacsChecked,
                    refusals = refusals.Select(r => new { firstSequence = r.FirstSequence, firstTime = r.FirstTime, lastTime = r.LastTime, attempts = r.Attempts, reason = r.Reason }),
                    notRecorded,
                    damage = report.Damage.Select(d => new { kind = d.Kind.ToString(), firstBadSequence = d.FirstBadSequence, checkpoint = d.Checkpoint, intervalFrom = d.IntervalFrom, intervalTo = d.IntervalTo, message = d.Message }),
                }));
            }
            else
            {
                Print(context.Console, report, checkpointPath, trust.KeyId, seconds);
                // Plain lines (not wrapped to the terminal): a fingerprint is copied from here into configuration.
                await context.Output.WriteLineAsync($"Trust anchor: {trust.Describe()}");
                foreach (var refusal in refusals)
                {
                    await context.Output.WriteLineAsync($"A writer refused {refusal.Attempts:N0} time(s) ({refusal.FirstTime:u} to {refusal.LastTime:u}) to extend the log past record {refusal.FirstSequence}: {refusal.Reason}");
                }

                if (notRecorded is not null)
                {
                    await context.Output.WriteLineAsync($"This verification could not be recorded in the log: {notRecorded}");
                }
            }

            return report.Intact ? RagCommandLine.ExitOk : RagCommandLine.ExitAuditDamaged;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, AuditVerificationReport report, string checkpointPath, string keyId, double seconds)
    {
        var range = report.LastSequence is { } last ? $"records {report.StartedAfterSequence + 1}..{last}" : "no records";
        if (report.Intact)
        {
            console.MarkupLineInterpolated($"[green]OK[/]: {report.RecordsChecked:N0} records verified ({range}) in {seconds:F1} s; {report.CheckpointsMatched:N0} of {report.CheckpointsChecked:N0} checkpoints matched (key {keyId}, {checkpointPath}).");
            if (report.UncoveredRecords > 0)
            {
                console.MarkupLineInterpolated($"{report.UncoveredRecords:N0} record(s) after the last checkpoint are chained but not yet signed (`rag audit checkpoint` signs them now).");
            }

            return;
        }

        console.MarkupLineInterpolated($"[red]DAMAGED[/]: {report.RecordsChecked:N0} records verified before the first damage (key {keyId}, {checkpointPath}).");
        foreach (var damage in report.Damage)
        {
            var where = damage.FirstBadSequence is { } first ? $"first bad record {first}" : damage.IntervalFrom is { } a ? $"records {a}..{damage.IntervalTo}" : $"checkpoint {damage.Checkpoint}";
            console.MarkupLineInterpolated($"  {damage.Kind}: {where}. {damage.Message}");
        }
    }
}

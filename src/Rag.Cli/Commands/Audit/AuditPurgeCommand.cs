using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Audit;
using Rag.Audit;

namespace Rag.Cli.Commands.Audit;

/// <summary><c>rag audit purge</c>: apply the retention period (Rag:Audit:RetentionPeriod), unless legal hold is on.</summary>
internal static class AuditPurgeCommand
{
    public static Command Create(CliContext context)
    {
        var user = AuditCli.UserOption();
        var command = new Command("purge", "Remove records older than Rag:Audit:RetentionPeriod (a whole prefix, behind a signed marker); nothing under Rag:Audit:LegalHold.") { user };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = RagServices.Build(context.Paths, context.ConfigurationOverrides);
            var actor = AuditCli.Actor(context, parse.GetValue(user));
            await AuditCli.RecordConfigurationAsync(services, actor, cancellationToken);
            var result = await services.GetRequiredService<IAuditPurge>().PurgeAsync(actor, cancellationToken);
            var cutoff = AuditChain.FormatTime(result.Cutoff);
            await context.Output.WriteLineAsync(
                result.LegalHold ? $"Legal hold is on (Rag:Audit:LegalHold): nothing purged. Records older than {cutoff} are kept."
                : result.Purged == 0 ? $"Nothing to purge: no records older than {cutoff}."
                : $"Purged records 1..{result.ThroughSequence} ({result.Purged:N0} records older than {cutoff}); a signed purge marker keeps the chain verifiable.");
            return RagCommandLine.ExitOk;
        });
        return command;
    }
}

using System.CommandLine;

namespace Rag.Cli.Commands.Audit;

/// <summary><c>rag audit verify | query | export | verify-export | purge | checkpoint | keygen</c>.</summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context) =>
        new("audit", "Verify, search, export and maintain the tamper-evident audit log. Reading it is itself audited.")
        {
            AuditVerifyCommand.Create(context),
            AuditQueryCommand.Create(context),
            AuditExportCommand.Create(context),
            AuditVerifyExportCommand.Create(context),
            AuditPurgeCommand.Create(context),
            AuditCheckpointCommand.Create(context),
            AuditKeygenCommand.Create(context),
        };
}

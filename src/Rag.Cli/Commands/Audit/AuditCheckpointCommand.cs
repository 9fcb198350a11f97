using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Rag.Audit;

namespace Rag.Cli.Commands.Audit;

/// <summary><c>rag audit checkpoint</c>: sign the current chain head now (before copying the checkpoint file to WORM storage).</summary>
internal static class AuditCheckpointCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("checkpoint", "Sign the current chain head into the checkpoint file now.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = RagServices.Build(context.Paths, context.ConfigurationOverrides);
            var log = services.GetRequiredService<IAuditCheckpointer>();
            var checkpoint = await log.CheckpointAsync(cancellationToken);
            await context.Output.WriteLineAsync(checkpoint is null
                ? $"Nothing new to sign: {log.Checkpoints.Path} already covers the last record (or the log is empty)."
                : $"Checkpoint {checkpoint.Number} signed at record {checkpoint.Sequence} (key {checkpoint.KeyId}) in {log.Checkpoints.Path}.");
            return RagCommandLine.ExitOk;
        });
        return command;
    }
}

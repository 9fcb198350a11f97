using System.CommandLine;

namespace Rag.Cli.Commands.Bench;

/// <summary><c>rag bench ingest</c> (placeholder until implemented).</summary>
internal static class BenchIngestCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("ingest", "Not implemented yet.");
        command.SetAction((_, _) => Task.FromResult(RagCommandLine.ExitError));
        return command;
    }
}

using System.CommandLine;

namespace Rag.Cli.Commands.Bench;

/// <summary><c>rag bench embed</c> (placeholder until implemented).</summary>
internal static class BenchEmbedCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("embed", "Not implemented yet.");
        command.SetAction((_, _) => Task.FromResult(RagCommandLine.ExitError));
        return command;
    }
}

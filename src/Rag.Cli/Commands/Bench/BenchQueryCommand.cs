using System.CommandLine;

namespace Rag.Cli.Commands.Bench;

/// <summary><c>rag bench query</c> (placeholder until implemented).</summary>
internal static class BenchQueryCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("query", "Not implemented yet.");
        command.SetAction((_, _) => Task.FromResult(RagCommandLine.ExitError));
        return command;
    }
}

using System.CommandLine;

namespace Rag.Cli.Commands;

/// <summary><c>rag eval beir DIR</c> (placeholder until implemented).</summary>
internal static class EvalBeirCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("beir", "Not implemented yet.");
        command.SetAction((_, _) => Task.FromResult(RagCommandLine.ExitError));
        return command;
    }
}

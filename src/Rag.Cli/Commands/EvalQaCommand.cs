using System.CommandLine;

namespace Rag.Cli.Commands;

/// <summary><c>rag eval qa FILE.jsonl</c> (placeholder until implemented).</summary>
internal static class EvalQaCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("qa", "Not implemented yet.");
        command.SetAction((_, _) => Task.FromResult(RagCommandLine.ExitError));
        return command;
    }
}

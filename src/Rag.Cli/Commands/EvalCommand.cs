using System.CommandLine;

namespace Rag.Cli.Commands;

/// <summary><c>rag eval beir|qa</c>: retrieval and answer quality.</summary>
internal static class EvalCommand
{
    public static Command Create(CliContext context) =>
        new("eval", "Measure retrieval and answer quality (BEIR datasets, your own question set).")
        {
            EvalBeirCommand.Create(context),
            EvalQaCommand.Create(context),
        };
}

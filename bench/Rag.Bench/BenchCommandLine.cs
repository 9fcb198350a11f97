using System.CommandLine;
using Rag.Bench.Commands;
using Rag.Cli;

namespace Rag.Bench;

/// <summary>
/// The <c>Rag.Bench</c> command line: <c>Rag.Bench bench embed|ingest|query|audit|generate</c>, which <c>./rag bench ...</c>
/// runs with the same arguments, exit codes and error messages as every other <c>rag</c> command.
/// </summary>
internal static class BenchCommandLine
{
    public static Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand("Rag benchmarks: speed and memory against a ceiling measured in the same run (see bench/README.md).")
        {
            BenchCommand.Create(context),
        };
        return RagCommandLine.InvokeAsync(root, args, context, cancellationToken);
    }
}
